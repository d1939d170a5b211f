import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CaImport } from '../features/common/CaImport';
import { useAppStore } from '../state/store';
import { selectAdminMessages, selectTrustAnchors } from '../state/admin/selectors';
import { useNow } from '../features/common/use_now';

/** Imported root and issuing CAs with fingerprints and expiry; import and delete. */
export function TrustSection() {
  const anchors = useAppStore(selectTrustAnchors);
  const messages = useAppStore(useShallow(selectAdminMessages));
  const { loadConfiguration, importTrustAnchor, deleteConfigObject } = useAppStore(useShallow((s) => ({ loadConfiguration: s.loadConfiguration, importTrustAnchor: s.importTrustAnchor, deleteConfigObject: s.deleteConfigObject })));
  const [pending, setPending] = useState<string>('');
  const [name, setName] = useState('');
  useEffect(() => {
    void loadConfiguration();
  }, [loadConfiguration]);
  const now = useNow();
  return (
    <div className="trust">
      {messages.error && <p className="problem" role="alert">{messages.error}</p>}
      <table className="data-table">
        <caption className="visually-hidden">Trust anchors</caption>
        <thead>
          <tr><th>Name</th><th>Subject</th><th>Expires</th><th>SHA-256 fingerprint</th><th><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {anchors.map((a) => {
            const days = Math.floor((Date.parse(a.notAfter) - now) / 86_400_000);
            return (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{a.subject}</td>
                <td className={days < 90 ? 'problem' : ''}>{new Date(a.notAfter).toLocaleDateString()} ({days} days)</td>
                <td><code className="fingerprint">{a.sha256Fingerprint.match(/../g)?.join(':').toUpperCase()}</code></td>
                <td><button type="button" onClick={() => void deleteConfigObject('trustAnchors', a.id)}>Delete</button></td>
              </tr>
            );
          })}
          {anchors.length === 0 && <tr><td colSpan={5} className="muted">No trust anchors imported yet.</td></tr>}
        </tbody>
      </table>
      <section className="panel">
        <h2>Import a CA certificate</h2>
        <CaImport label="CA certificate" pem={pending} testId="trust-import" onAccepted={(pem, fileName) => { setPending(pem); setName(fileName.replace(/\.[a-z0-9]+$/i, '')); }} />
        {pending !== '' && (
          <div className="button-row">
            <input aria-label="Name for the trust anchor" value={name} onChange={(e) => setName(e.target.value)} />
            <button type="button" className="primary" onClick={() => void importTrustAnchor(pending, name).then(() => setPending(''))}>Trust this CA</button>
          </div>
        )}
      </section>
    </div>
  );
}
