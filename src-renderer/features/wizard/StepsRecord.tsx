import { useShallow } from 'zustand/react/shallow';
import { certificatePurpose, extendedKeyUsage, keyAlgorithm, keyUsage } from '../../../src-shared/domain';
import { parseSanLines, secureModeRecordProblems } from '../../../src-shared/ipc/index';
import { useAppStore } from '../../state/store';
import { selectWizardStatus } from '../../state/wizard/selectors';
import { Field, TextField } from '../common/Field';
import { useDraftSection, useProblems } from './use_draft';

const ekuChoices = extendedKeyUsage.options[0].options;

/** Step 5: the CMP policy for this profile. */
export function ProfileStep() {
  const { section, change } = useDraftSection('profile');
  const p = useProblems();
  return (
    <>
      <TextField label="Profile name" value={section.name} onChange={(name) => change({ name })} problem={p('profile.name')} />
      <div className="field-row">
        <TextField label="Renew before expiry (days)" value={section.renewBeforeExpiryDays} onChange={(v) => change({ renewBeforeExpiryDays: v })} problem={p('profile.renewBeforeExpiryDays')} hint="0 turns automatic renewal off" />
        <TextField label="KUR window start (HH:MM)" value={section.kurWindowStart} onChange={(v) => change({ kurWindowStart: v })} problem={p('profile.kurWindowStart')} hint="Renewals start and take effect only inside this daily window (applies to all profiles)" />
        <TextField label="KUR window end (HH:MM)" value={section.kurWindowEnd} onChange={(v) => change({ kurWindowEnd: v })} problem={p('profile.kurWindowEnd')} />
      </div>
      <div className="field-row">
        <Field label="Key algorithm and size" problem={p('profile.defaultKeyAlgorithm')}>
          {(props) => (
            <select {...props} value={section.keyAlgorithm} onChange={(e) => change({ keyAlgorithm: e.target.value })}>
              {keyAlgorithm.options.map((k) => (
                <option key={k} value={k}>
                  {k.toUpperCase().replace('-', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Digest" problem={p('profile.defaultDigest')}>
          {(props) => (
            <select {...props} value={section.digest} onChange={(e) => change({ digest: e.target.value })}>
              <option value="sha256">SHA-256</option>
              <option value="sha384">SHA-384</option>
              <option value="sha512">SHA-512</option>
            </select>
          )}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={section.implicitConfirm} onChange={(e) => change({ implicitConfirm: e.target.checked })} />
        Ask the CA for implicit confirmation (skip certConf/pkiConf)
      </label>
    </>
  );
}

/** Step 6: the first certificate record, with secure certificate mode checked as you type. */
export function RecordStep() {
  const { section, change } = useDraftSection('record');
  const { secureCertificateMode } = useAppStore(useShallow(selectWizardStatus));
  const p = useProblems();
  const sanResult = parseSanLines(section.subjectAltNames);
  const liveSecure = secureCertificateMode ? secureModeRecordProblems(section.commonName.trim() || undefined, sanResult.sans) : [];
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  return (
    <>
      <div className="field-row">
        <TextField label="Record name" value={section.name} onChange={(name) => change({ name })} problem={p('record.name')} testId="record-name" />
        <Field label="Purpose" problem={p('record.purpose')}>
          {(props) => (
            <select {...props} value={section.purpose} onChange={(e) => change({ purpose: e.target.value })}>
              {certificatePurpose.options.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend>Subject</legend>
        {p('record.subject') && <p className="problem" role="alert">{p('record.subject')}</p>}
        <div className="field-row">
          <TextField label="Common name (CN)" value={section.commonName} onChange={(commonName) => change({ commonName })} problem={p('record.subject.commonName') ?? p('record.commonName')} testId="record-cn" />
          <TextField label="Organization (O)" value={section.organization} onChange={(organization) => change({ organization })} problem={p('record.subject.organization')} />
          <TextField label="Unit (OU)" value={section.organizationalUnit} onChange={(organizationalUnit) => change({ organizationalUnit })} problem={p('record.subject.organizationalUnit')} />
        </div>
        <div className="field-row">
          <TextField label="Country (C)" value={section.country} onChange={(country) => change({ country: country.toUpperCase() })} problem={p('record.subject.country')} placeholder="DE" />
          <TextField label="State (ST)" value={section.state} onChange={(state) => change({ state })} problem={p('record.subject.state')} />
          <TextField label="Locality (L)" value={section.locality} onChange={(locality) => change({ locality })} problem={p('record.subject.locality')} />
          <TextField label="E-mail" value={section.emailAddress} onChange={(emailAddress) => change({ emailAddress })} problem={p('record.subject.emailAddress')} />
        </div>
      </fieldset>
      <Field label="Subject alternative names (one per line: dns:, ip:, uri:, email:)" problem={p('record.subjectAltNames')} hint={`${sanResult.sans.length} name(s) read`}>
        {(props) => <textarea {...props} rows={3} value={section.subjectAltNames} onChange={(e) => change({ subjectAltNames: e.target.value })} />}
      </Field>
      {secureCertificateMode && (
        <div aria-live="polite" className={liveSecure.length ? 'result-bad' : 'result-ok'} data-testid="secure-mode-check">
          {liveSecure.length ? liveSecure.map((x) => <p key={x.message}>Secure certificate mode: {x.message}</p>) : <p>Secure certificate mode: no IP addresses in the name — fine.</p>}
        </div>
      )}
      <fieldset>
        <legend>Key usage</legend>
        <div className="checkbox-grid">
          {keyUsage.options.map((k) => (
            <label key={k} className="checkbox">
              <input type="checkbox" checked={section.keyUsage.includes(k)} onChange={() => change({ keyUsage: toggle(section.keyUsage, k) })} />
              {k}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Extended key usage</legend>
        <div className="checkbox-grid">
          {ekuChoices.map((k) => (
            <label key={k} className="checkbox">
              <input type="checkbox" checked={section.extendedKeyUsage.includes(k)} onChange={() => change({ extendedKeyUsage: toggle(section.extendedKeyUsage, k) })} />
              {k}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
