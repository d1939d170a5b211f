import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CmpServer } from '../../src-shared/domain';
import { useAppStore } from '../state/store';
import { selectAdminMessages, selectConfiguration, selectVerifyReport } from '../state/admin/selectors';

function ServerEditor({ server, onDone }: { server: CmpServer; onDone: () => void }) {
  const saveCmpServer = useAppStore((s) => s.saveCmpServer);
  const [draft, setDraft] = useState(server);
  const [problem, setProblem] = useState<string | undefined>();
  const number = (text: string) => (Number.isInteger(Number(text)) ? Number(text) : Number.NaN);
  return (
    <form className="inline-dialog" onSubmit={(e) => { e.preventDefault(); void saveCmpServer(draft).then((p) => (p ? setProblem(p) : onDone())); }}>
      <label>Name <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
      <label>URL <input value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} /></label>
      <label>Expected sender <input value={draft.expectedSender ?? ''} onChange={(e) => setDraft({ ...draft, expectedSender: e.target.value || null })} /></label>
      <label>Message timeout (s) <input value={String(draft.messageTimeoutSeconds)} onChange={(e) => setDraft({ ...draft, messageTimeoutSeconds: number(e.target.value) })} /></label>
      <label>Total timeout (s) <input value={String(draft.totalTimeoutSeconds)} onChange={(e) => setDraft({ ...draft, totalTimeoutSeconds: number(e.target.value) })} /></label>
      <label>Polling retry count <input value={String(draft.pollingRetryCount)} onChange={(e) => setDraft({ ...draft, pollingRetryCount: number(e.target.value) })} /></label>
      {problem && <p className="problem" role="alert">{problem}</p>}
      <div className="button-row"><button type="submit" className="primary">Save</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

/** CMP servers, server groups, CMP profiles and TLS profiles, with the verify-config panel. */
export function ServersSection() {
  const config = useAppStore(useShallow(selectConfiguration));
  const report = useAppStore(selectVerifyReport);
  const messages = useAppStore(useShallow(selectAdminMessages));
  const { loadConfiguration, runVerifyConfig, deleteConfigObject } = useAppStore(useShallow((s) => ({ loadConfiguration: s.loadConfiguration, runVerifyConfig: s.runVerifyConfig, deleteConfigObject: s.deleteConfigObject })));
  const [editing, setEditing] = useState<string | undefined>();
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
              <li key={i} className={`finding-${f.severity}`}>
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
              <strong>{s.name}</strong> <code>{s.url}</code> · timeouts {s.messageTimeoutSeconds}/{s.totalTimeoutSeconds} s · {s.pollingRetryCount} polls{' '}
              <button type="button" onClick={() => setEditing(s.id)}>Edit</button>{' '}
              <button type="button" onClick={() => void deleteConfigObject('cmpServers', s.id)}>Delete</button>
              {editing === s.id && <ServerEditor server={s} onDone={() => setEditing(undefined)} />}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-label="Server groups">
        <h2>Server groups</h2>
        <ul>{config.serverGroups.map((g) => <li key={g.id}><strong>{g.name}</strong>: {g.serverIds.map(serverName).join(' → ')} <button type="button" onClick={() => void deleteConfigObject('serverGroups', g.id)}>Delete</button></li>)}</ul>
      </section>
      <section className="panel" aria-label="CMP profiles">
        <h2>CMP profiles</h2>
        <ul>{config.cmpProfiles.map((p) => <li key={p.id}><strong>{p.name}</strong>: group {groupName(p.serverGroupId)}, {p.authentication.method === 'shared-secret' ? `shared secret “${p.authentication.reference}”` : 'signature'}, renew {p.renewBeforeExpiryDays} days before expiry, {p.defaultKeyAlgorithm}, {p.defaultDigest}{p.implicitConfirm ? ', implicit confirm' : ''} <button type="button" onClick={() => void deleteConfigObject('cmpProfiles', p.id)}>Delete</button></li>)}</ul>
      </section>
      <section className="panel" aria-label="TLS profiles">
        <h2>TLS profiles</h2>
        <ul>{config.tlsProfiles.map((t) => <li key={t.id}><strong>{t.name}</strong>: {t.trustedCaIds.length} trusted CA(s), minimum {t.minimumTlsVersion}, host name check {t.verifyHostName ? 'on' : 'off'}, mutual authentication {t.mutualAuthentication ? 'on' : 'off'} <button type="button" onClick={() => void deleteConfigObject('tlsProfiles', t.id)}>Delete</button></li>)}</ul>
        {config.tlsProfiles.length === 0 && <p className="muted">None (servers over plain HTTP need none).</p>}
      </section>
    </div>
  );
}
