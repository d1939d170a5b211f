import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { checkedHostName, maxServersPerGroupForWizard } from './wizard_limits';
import { CaImport } from '../common/CaImport';
import { Field, TextField } from '../common/Field';
import { useDraftSection, useProblems } from './use_draft';
import { useAppStore } from '../../state/store';
import { selectWizardStatus } from '../../state/wizard/selectors';

/** Step 1: the root CA, checked before anything trusts it. */
export function TrustStep() {
  const { section, change } = useDraftSection('trust');
  const problemAt = useProblems();
  const problem = problemAt('trust.rootPem');
  const confirmProblem = problemAt('trust.fingerprintConfirmed');
  return (
    <>
      <p>Import the certificate of the root CA that issues your certificates. cmp-desk trusts only what you import here.</p>
      <CaImport label="Root CA certificate" pem={section.rootPem} testId="root-import" onAccepted={(pem, fileName) => change({ rootPem: pem, fileName, fingerprintConfirmed: false })} />
      {problem && <p className="problem" role="alert">{problem}</p>}
      {section.rootPem !== '' && (
        <label className="checkbox">
          <input type="checkbox" checked={section.fingerprintConfirmed} onChange={(e) => change({ fingerprintConfirmed: e.target.checked })} />I compared the SHA-256 fingerprint with my CA
        </label>
      )}
      {confirmProblem && <p className="problem" role="alert">{confirmProblem}</p>}
    </>
  );
}

/** Step 2: where the CMP server is, who signs its answers, timeouts, and more servers for the group. */
export function ServerStep() {
  const { section, change } = useDraftSection('server');
  const problemAt = useProblems();
  const p = (field: string) => problemAt(`server.${field}`);
  const problems = { name: p('name'), url: p('url'), expectedSender: p('expectedSender'), message: p('messageTimeoutSeconds'), total: p('totalTimeoutSeconds'), polls: p('pollingRetryCount'), responseCaPem: p('responseCaPem'), extra: p('extraServers') };
  const move = (index: number, by: number) => {
    const list = [...section.extraServers];
    const [item] = list.splice(index, 1);
    list.splice(index + by, 0, item);
    change({ extraServers: list });
  };
  return (
    <>
      <TextField label="Name" value={section.name} onChange={(name) => change({ name })} problem={problems.name} />
      <TextField label="CMP server URL" value={section.url} onChange={(url) => change({ url })} problem={problems.url} placeholder="https://ca.example.net/.well-known/cmp/p/devices" hint="RFC 9811 path, usually /.well-known/cmp or /.well-known/cmp/p/<label>" testId="server-url" />
      <fieldset>
        <legend>Certificate that signs CMP responses</legend>
        <label className="radio">
          <input type="radio" checked={section.responseCa === 'root'} onChange={() => change({ responseCa: 'root' })} />
          The root CA from step 1
        </label>
        <label className="radio">
          <input type="radio" checked={section.responseCa === 'file'} onChange={() => change({ responseCa: 'file' })} />
          Another certificate or CA
        </label>
        {section.responseCa === 'file' && <CaImport label="Response signing certificate" pem={section.responseCaPem} testId="response-ca-import" onAccepted={(pem) => change({ responseCaPem: pem })} />}
        {problems.responseCaPem && <p className="problem" role="alert">{problems.responseCaPem}</p>}
      </fieldset>
      <TextField label="Expected sender (optional)" value={section.expectedSender} onChange={(expectedSender) => change({ expectedSender })} problem={problems.expectedSender} placeholder="/O=Example/CN=Example CMP RA" hint="The name the server puts in its answers; empty accepts any sender the certificate above verifies" />
      <div className="field-row">
        <TextField label="Message timeout (s)" value={section.messageTimeoutSeconds} onChange={(v) => change({ messageTimeoutSeconds: v })} problem={problems.message} />
        <TextField label="Total timeout (s)" value={section.totalTimeoutSeconds} onChange={(v) => change({ totalTimeoutSeconds: v })} problem={problems.total} />
        <TextField label="Polling retry count" value={section.pollingRetryCount} onChange={(v) => change({ pollingRetryCount: v })} problem={problems.polls} />
      </div>
      <fieldset>
        <legend>More servers for this group (tried in this order if the first fails; at most {maxServersPerGroupForWizard} in all)</legend>
        {section.extraServers.map((server, index) => (
          <div key={index} className="field-row">
            <TextField label={`Server ${index + 2} name`} value={server.name} onChange={(name) => change({ extraServers: section.extraServers.map((s, i) => (i === index ? { ...s, name } : s)) })} />
            <TextField label={`Server ${index + 2} URL`} value={server.url} onChange={(url) => change({ extraServers: section.extraServers.map((s, i) => (i === index ? { ...s, url } : s)) })} />
            <div className="row-buttons">
              <button type="button" aria-label={`Move server ${index + 2} up`} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
              <button type="button" aria-label={`Move server ${index + 2} down`} disabled={index === section.extraServers.length - 1} onClick={() => move(index, 1)}>↓</button>
              <button type="button" aria-label={`Remove server ${index + 2}`} onClick={() => change({ extraServers: section.extraServers.filter((_, i) => i !== index) })}>Remove</button>
            </div>
          </div>
        ))}
        <button type="button" disabled={section.extraServers.length >= maxServersPerGroupForWizard - 1} onClick={() => change({ extraServers: [...section.extraServers, { name: `CMP server ${section.extraServers.length + 2}`, url: '' }] })}>
          Add a server
        </button>
        {problems.extra && <p className="problem" role="alert">{problems.extra}</p>}
      </fieldset>
    </>
  );
}

/** Step 3: how the HTTPS connection is authenticated. */
export function TlsStep() {
  const { draft, section, change } = useDraftSection('tls');
  const host = checkedHostName(draft);
  const https = draft.server.url.trim().startsWith('https:');
  return (
    <>
      {!https && <p className="notice">The server URL uses plain HTTP, so no TLS settings apply. Use HTTPS for anything but a lab on this computer.</p>}
      <fieldset disabled={!https}>
        <legend>Trusted CAs for the server’s HTTPS certificate</legend>
        <label className="radio">
          <input type="radio" checked={section.trustedCa === 'root'} onChange={() => change({ trustedCa: 'root' })} />
          The root CA from step 1
        </label>
        <label className="radio">
          <input type="radio" checked={section.trustedCa === 'file'} onChange={() => change({ trustedCa: 'file' })} />
          Another CA
        </label>
        {section.trustedCa === 'file' && <CaImport label="TLS trusted CA" pem={section.trustedCaPem} testId="tls-ca-import" onAccepted={(pem) => change({ trustedCaPem: pem })} />}
        <Field label="Minimum TLS version">
          {(props) => (
            <select {...props} value={section.minimumTlsVersion} onChange={(e) => change({ minimumTlsVersion: e.target.value as 'TLSv1.2' | 'TLSv1.3' })}>
              <option value="TLSv1.2">TLS 1.2</option>
              <option value="TLSv1.3">TLS 1.3</option>
            </select>
          )}
        </Field>
        <p>
          Host name checked against the server certificate: <code data-testid="checked-host">{host ?? '(enter a URL in step 2)'}</code>
        </p>
        <p className="hint">Mutual authentication (a client certificate) needs a certificate record that already holds a certificate; set it on the TLS profile in Servers &amp; profiles once your first certificate is issued.</p>
      </fieldset>
    </>
  );
}

/** Step 4: the initial authentication key; it goes to the keychain and is never shown again. */
export function KeyStep() {
  const { section, change } = useDraftSection('key');
  const status = useAppStore(useShallow(selectWizardStatus));
  const storeSecret = useAppStore((s) => s.storeSecret);
  const testConnection = useAppStore((s) => s.testConnection);
  const [secret, setSecret] = useState('');
  const [visible, setVisible] = useState(false);
  const problemAt = useProblems();
  const referenceProblem = problemAt('key.reference');
  const secretProblem = problemAt('key.secret');
  const hexInvalid = section.encoding === 'hex' && secret !== '' && !/^([0-9a-fA-F]{2}[\s:]?)+$/.test(secret.trim());
  const hint = secret === '' ? undefined : secret.length < 8 ? 'Short: fewer than 8 characters are easy to guess' : section.encoding === 'text' && /^[a-z]+$/.test(secret) ? 'Only lower-case letters: add digits or symbols' : 'Looks reasonable; the CA decides what it accepts';
  const test = status.connectionTest;
  return (
    <>
      <TextField label="Reference value (senderKID)" value={section.reference} onChange={(reference) => change({ reference })} problem={referenceProblem} hint="The non-secret name the CA knows this key under" testId="iak-reference" />
      <fieldset>
        <legend>Secret</legend>
        {section.secretStored && <p className="ok-text" data-testid="secret-stored">A secret is stored in the OS keychain{status.secretStrength ? ` (${status.secretStrength})` : ''}. Enter a new one to replace it.</p>}
        <div className="radio-row" role="radiogroup" aria-label="Secret input format">
          <label className="radio">
            <input type="radio" checked={section.encoding === 'text'} onChange={() => change({ encoding: 'text' })} />
            Text
          </label>
          <label className="radio">
            <input type="radio" checked={section.encoding === 'hex'} onChange={() => change({ encoding: 'hex' })} />
            Hex
          </label>
        </div>
        <Field label="Initial authentication key" problem={hexInvalid ? 'Hex must be pairs of digits 0-9, a-f' : secretProblem} hint={hint}>
          {(props) => <input {...props} type={visible ? 'text' : 'password'} autoComplete="off" value={secret} data-testid="iak-secret" onChange={(e) => setSecret(e.target.value)} />}
        </Field>
        <div className="button-row">
          <button type="button" aria-pressed={visible} onClick={() => setVisible(!visible)}>
            {visible ? 'Hide' : 'Show'}
          </button>
          <button type="button" disabled={secret === '' || hexInvalid} onClick={() => void storeSecret({ value: secret, encoding: section.encoding }).then(() => setSecret(''))}>
            Store in keychain
          </button>
          <button type="button" disabled={(secret === '' && !section.secretStored) || test !== undefined && 'running' in test} onClick={() => void testConnection(secret === '' ? undefined : { value: secret, encoding: section.encoding })}>
            Test connection
          </button>
        </div>
      </fieldset>
      <div aria-live="polite" data-testid="connection-result">
        {test && 'running' in test && <p>Sending a genm to the server…</p>}
        {test && !('running' in test) && (
          <div className={test.ok ? 'result-ok' : 'result-bad'}>
            <strong>{test.ok ? '✔ Connection works' : `✖ ${test.stage === 'tls' ? 'TLS problem' : test.stage === 'protection' ? 'Protection problem' : test.stage === 'server' ? 'The server refused' : test.stage === 'network' ? 'Network problem' : test.stage === 'http' ? 'Not a CMP endpoint' : 'Settings problem'}`}</strong>
            <p>{test.message}</p>
            <p>{test.advice}</p>
            {test.detail && (
              <details>
                <summary>Technical detail</summary>
                <code>{test.detail}</code>
              </details>
            )}
          </div>
        )}
      </div>
    </>
  );
}
