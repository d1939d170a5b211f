import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { sourceAddressSchema, type CmpProfile, type CmpServer, type ServerGroup, type TlsProfile } from '../../src-shared/domain';
import { CmpProfileForm } from '../features/config/CmpProfileForm';
import { ServerGroupForm } from '../features/config/ServerGroupForm';
import { TlsProfileForm } from '../features/config/TlsProfileForm';
import { useAppStore } from '../state/store';
import { selectAdminMessages, selectConfiguration, selectVerifyReport } from '../state/admin/selectors';

function ServerEditor({ server, onDone }: { server: CmpServer; onDone: () => void }) {
  const saveCmpServer = useAppStore((s) => s.saveCmpServer);
  const tlsProfiles = useAppStore((s) => s.tlsProfiles);
  const [draft, setDraft] = useState(server);
  const [problem, setProblem] = useState<string | undefined>();
  const number = (text: string) => (Number.isInteger(Number(text)) ? Number(text) : Number.NaN);
  // Checked with the domain schema as typed; main checks it again on save.
  const addressProblem = draft.sourceAddress === null ? undefined : sourceAddressSchema.safeParse(draft.sourceAddress).error?.issues[0]?.message;
  const save = () => {
    if (addressProblem === undefined) void saveCmpServer(draft).then((p) => (p ? setProblem(p) : onDone()));
  };
  return (
    <form className="inline-dialog" aria-label="CMP server" onSubmit={(e) => { e.preventDefault(); save(); }}>
      <label>Name <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
      <label>URL <input value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} /></label>
      <label>
        TLS profile{' '}
        <select value={draft.tlsProfileId ?? ''} onChange={(e) => setDraft({ ...draft, tlsProfileId: e.target.value || null })}>
          <option value="">None (plain HTTP)</option>
          {tlsProfiles.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <label>Expected sender <input value={draft.expectedSender ?? ''} onChange={(e) => setDraft({ ...draft, expectedSender: e.target.value || null })} /></label>
      <label>Message timeout (s) <input value={String(draft.messageTimeoutSeconds)} onChange={(e) => setDraft({ ...draft, messageTimeoutSeconds: number(e.target.value) })} /></label>
      <label>Total timeout (s) <input value={String(draft.totalTimeoutSeconds)} onChange={(e) => setDraft({ ...draft, totalTimeoutSeconds: number(e.target.value) })} /></label>
      <label>Polling retry count <input value={String(draft.pollingRetryCount)} onChange={(e) => setDraft({ ...draft, pollingRetryCount: number(e.target.value) })} /></label>
      <label>
        Send from local address{' '}
        <input
          value={draft.sourceAddress ?? ''}
          placeholder="chosen by the system"
          aria-describedby={`${draft.id}-source-hint${addressProblem ? ` ${draft.id}-source-problem` : ''}`}
          aria-invalid={addressProblem ? true : undefined}
          onChange={(e) => setDraft({ ...draft, sourceAddress: e.target.value || null })}
        />
      </label>
      <p className="hint" id={`${draft.id}-source-hint`}>
        An IPv4 or IPv6 address of this computer that connections to this server leave from, for a CA or firewall that admits only that address. With a proxy, the connection to the proxy leaves from it. Leave empty to let the system choose.
      </p>
      {addressProblem && <p className="problem" id={`${draft.id}-source-problem`} role="alert">Send from local address {addressProblem}</p>}
      <label className="checkbox">
        <input type="checkbox" checked={draft.acceptUnprotectedErrors} aria-describedby={`${draft.id}-unprotected-hint`} onChange={(e) => setDraft({ ...draft, acceptUnprotectedErrors: e.target.checked })} /> Accept unprotected error answers
      </label>
      <p className="hint" id={`${draft.id}-unprotected-hint`}>
        Only for a CA that cannot protect its error messages. Its failures are then shown without being authenticated, so anyone on the network path could make requests fail. Certificates are still accepted only with valid protection.
      </p>
      {problem && <p className="problem" role="alert">{problem}</p>}
      <div className="button-row"><button type="submit" className="primary">Save</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

const newServer = (): CmpServer => ({ id: crypto.randomUUID(), name: '', url: 'https://', tlsProfileId: null, responseTrustAnchorIds: [], expectedSender: null, messageTimeoutSeconds: 30, totalTimeoutSeconds: 120, pollingRetryCount: 10, acceptUnprotectedErrors: false, sourceAddress: null });
const newGroup = (): ServerGroup => ({ id: crypto.randomUUID(), name: '', serverIds: [] });
const newProfile = (): CmpProfile => ({
  id: crypto.randomUUID(),
  name: '',
  serverGroupId: null,
  authentication: { method: 'shared-secret', reference: '' },
  renewBeforeExpiryDays: 30,
  defaultKeyAlgorithm: 'ecdsa-p256',
  defaultDigest: 'sha256',
  defaultKeyUsage: ['digitalSignature'],
  defaultExtendedKeyUsage: [],
  implicitConfirm: false,
});
const newTlsProfile = (): TlsProfile => ({ id: crypto.randomUUID(), name: '', trustedCaIds: [], mutualAuthentication: false, clientCertificateRecordId: null, minimumTlsVersion: 'TLSv1.2', verifyHostName: true });

/** CMP servers, server groups, CMP profiles and TLS profiles, with the verify-config panel. */
export function ServersSection() {
  const config = useAppStore(useShallow(selectConfiguration));
  const report = useAppStore(selectVerifyReport);
  const messages = useAppStore(useShallow(selectAdminMessages));
  const { loadConfiguration, runVerifyConfig, deleteConfigObject } = useAppStore(useShallow((s) => ({ loadConfiguration: s.loadConfiguration, runVerifyConfig: s.runVerifyConfig, deleteConfigObject: s.deleteConfigObject })));
  const [editing, setEditing] = useState<string | undefined>();
  const [creating, setCreating] = useState<{ server?: CmpServer; group?: ServerGroup; profile?: CmpProfile; tls?: TlsProfile }>({});
  const done = () => setEditing(undefined);
  useEffect(() => {
    void loadConfiguration();
    void runVerifyConfig();
  }, [loadConfiguration, runVerifyConfig]);
  const serverName = (id: string) => config.cmpServers.find((s) => s.id === id)?.name ?? id;
  const groupName = (id: string | null) => (id === null ? '—' : (config.serverGroups.find((g) => g.id === id)?.name ?? id));
  return (
    <div className="servers">
      {messages.error && <p className="problem" role="alert">{messages.error}</p>}
      {messages.message && <p className="ok-text" aria-live="polite">{messages.message}</p>}
      <section className="panel" aria-label="verify-config">
        <h2>Configuration check (verify-config)</h2>
        <button type="button" onClick={() => void runVerifyConfig()}>Run again</button>
        {report && (
          <ul className="findings">
            {report.findings.length === 0 && <li className="ok-text">No findings: the configuration is complete.</li>}
            {report.findings.map((f, i) => (
              <li key={i} className={`finding-${f.severity}`} data-testid="finding">
                <strong>{f.severity}</strong> {f.object.kind} “{f.object.name}”: {f.problem} <em>Fix: {f.fix}</em>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-label="CMP servers">
        <h2>CMP servers</h2>
        <ul>
          {config.cmpServers.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong> <code>{s.url}</code> · timeouts {s.messageTimeoutSeconds}/{s.totalTimeoutSeconds} s · {s.pollingRetryCount} polls{s.sourceAddress ? ` · from ${s.sourceAddress}` : ''}{s.acceptUnprotectedErrors ? ' · accepts unprotected error answers' : ''}{' '}
              <button type="button" onClick={() => setEditing(s.id)}>Edit</button>{' '}
              <button type="button" onClick={() => void deleteConfigObject('cmpServers', s.id)}>Delete</button>
              {editing === s.id && <ServerEditor server={s} onDone={done} />}
            </li>
          ))}
        </ul>
        {creating.server ? <ServerEditor server={creating.server} onDone={() => setCreating({})} /> : <button type="button" onClick={() => setCreating({ server: newServer() })}>New CMP server…</button>}
      </section>
      <section className="panel" aria-label="Server groups">
        <h2>Server groups</h2>
        <ul>
          {config.serverGroups.map((g) => (
            <li key={g.id} data-testid="server-group">
              <strong>{g.name}</strong>: {g.serverIds.map(serverName).join(' → ')} <button type="button" onClick={() => setEditing(g.id)}>Edit</button>{' '}
              <button type="button" onClick={() => void deleteConfigObject('serverGroups', g.id)}>Delete</button>
              {editing === g.id && <ServerGroupForm group={g} onDone={done} />}
            </li>
          ))}
        </ul>
        {creating.group ? <ServerGroupForm group={creating.group} onDone={() => setCreating({})} /> : <button type="button" onClick={() => setCreating({ group: newGroup() })}>New server group…</button>}
      </section>
      <section className="panel" aria-label="CMP profiles">
        <h2>CMP profiles</h2>
        <ul>
          {config.cmpProfiles.map((p) => (
            <li key={p.id} data-testid="cmp-profile">
              <strong>{p.name}</strong>: group {groupName(p.serverGroupId)}, {p.authentication.method === 'shared-secret' ? `shared secret “${p.authentication.reference}”` : 'signature'}, renew {p.renewBeforeExpiryDays} days before expiry, {p.defaultKeyAlgorithm}, {p.defaultDigest}{p.implicitConfirm ? ', implicit confirm' : ''}{' '}
              <button type="button" onClick={() => setEditing(p.id)}>Edit</button> <button type="button" onClick={() => void deleteConfigObject('cmpProfiles', p.id)}>Delete</button>
              {editing === p.id && <CmpProfileForm profile={p} onDone={done} />}
            </li>
          ))}
        </ul>
        {creating.profile ? <CmpProfileForm profile={creating.profile} onDone={() => setCreating({})} /> : <button type="button" onClick={() => setCreating({ profile: newProfile() })}>New CMP profile…</button>}
      </section>
      <section className="panel" aria-label="TLS profiles">
        <h2>TLS profiles</h2>
        <ul>
          {config.tlsProfiles.map((t) => (
            <li key={t.id} data-testid="tls-profile">
              <strong>{t.name}</strong>: {t.trustedCaIds.length} trusted CA(s), minimum {t.minimumTlsVersion}, host name check {t.verifyHostName ? 'on' : 'off'}, mutual authentication {t.mutualAuthentication ? 'on' : 'off'}{' '}
              <button type="button" onClick={() => setEditing(t.id)}>Edit</button> <button type="button" onClick={() => void deleteConfigObject('tlsProfiles', t.id)}>Delete</button>
              {editing === t.id && <TlsProfileForm profile={t} onDone={done} />}
            </li>
          ))}
        </ul>
        {config.tlsProfiles.length === 0 && <p className="muted">None (servers over plain HTTP need none).</p>}
        {creating.tls ? <TlsProfileForm profile={creating.tls} onDone={() => setCreating({})} /> : <button type="button" onClick={() => setCreating({ tls: newTlsProfile() })}>New TLS profile…</button>}
      </section>
    </div>
  );
}
