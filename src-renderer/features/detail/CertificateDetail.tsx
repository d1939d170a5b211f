import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExportFormat } from '../../../src-shared/ipc/index';
import { useAppStore } from '../../state/store';
import { selectDetail } from '../../state/detail/selectors';
import { CertificateFacts } from '../common/CertificateFacts';
import { StatusBadge } from '../common/StatusBadge';
import { DeploymentPanel } from './DeploymentPanel';
import { DetailActions } from './DetailActions';

function ExportPanel() {
  const exportCertificate = useAppStore((s) => s.exportCertificate);
  const [format, setFormat] = useState<ExportFormat>('pem');
  const [passphrase, setPassphrase] = useState('');
  const [legacy, setLegacy] = useState(false);
  return (
    <section aria-label="Export" className="panel">
      <h2>Export</h2>
      <div className="button-row">
        <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          <option value="pem">PEM (certificate)</option>
          <option value="der">DER (certificate)</option>
          <option value="chain">PEM with chain</option>
          <option value="pkcs12">PKCS#12 with private key</option>
        </select>
        {format === 'pkcs12' && (
          <>
            <input type="password" aria-label="PKCS#12 passphrase (at least 8 characters)" placeholder="Passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
            <label className="checkbox">
              <input type="checkbox" checked={legacy} onChange={(e) => setLegacy(e.target.checked)} /> Legacy (3DES/SHA-1 for old devices)
            </label>
          </>
        )}
        <button type="button" onClick={() => void exportCertificate(format, format === 'pkcs12' ? passphrase : undefined, legacy).then(() => setPassphrase(''))}>
          Save file
        </button>
      </div>
    </section>
  );
}

/** Everything about one record: decoded certificate, chain, PEM, exports, history, actions. */
export function CertificateDetail({ onClose }: { onClose: () => void }) {
  const { detail, certificateView, error } = useAppStore(useShallow(selectDetail));
  const [copied, setCopied] = useState(false);
  // A failed reload keeps the record shown (the problem under its header), so Close and the
  // actions stay where the admin is pointing.
  if (!detail) return error ? <p className="problem" role="alert">{error}</p> : <p aria-live="polite">Loading the record…</p>;
  const { record, summary } = detail;
  return (
    <article className="certificate-detail" aria-labelledby="detail-title" data-testid="certificate-detail">
      <header className="detail-header">
        <h2 id="detail-title">{record.name}</h2>
        <StatusBadge status={summary.status} detail={summary.statusDetail} />
        <span className="muted">{summary.statusDetail}</span>
        <span className="status-spacer" />
        <button type="button" onClick={onClose}>Close</button>
      </header>
      {error && <p className="problem" role="alert">{error}</p>}
      <DetailActions detail={detail} />
      {detail.current === null || !certificateView ? (
        <p className="notice">This record has no certificate yet. {record.managedBy === 'cmp' ? 'The lifecycle engine enrolls it at the next processing tick, or now with Force renew.' : 'It is managed manually.'}</p>
      ) : (
        <>
          <section className="panel" aria-label="Certificate">
            <h2>Certificate <code data-testid="current-serial">{certificateView.details.serialNumber}</code></h2>
            <CertificateFacts details={certificateView.details} />
            <details>
              <summary>All extensions ({certificateView.details.extensions.length})</summary>
              <ul>
                {certificateView.details.extensions.map((e) => (
                  <li key={e.oid}>
                    {e.name}{e.critical ? ' (critical)' : ''}: {e.value}
                  </li>
                ))}
              </ul>
            </details>
          </section>
          <section className="panel" aria-label="Chain">
            <h2>Chain</h2>
            <p className={certificateView.validation.valid ? 'ok-text' : 'problem'}>{certificateView.validation.valid ? '✔ ' : '✖ '}{certificateView.validation.message}</p>
            <ol>
              {certificateView.validation.chain.map((c) => (
                <li key={c.sha256Fingerprint}>
                  {c.subject}{c.trustAnchor ? ' (trust anchor)' : ''} — until {new Date(c.notAfter).toLocaleDateString()}
                </li>
              ))}
            </ol>
          </section>
          <section className="panel" aria-label="PEM">
            <h2>PEM</h2>
            <textarea readOnly rows={6} value={certificateView.pem} aria-label="Certificate and chain as PEM" className="pem" />
            <button type="button" onClick={() => void navigator.clipboard?.writeText(certificateView.pem).then(() => setCopied(true), () => setCopied(false))}>
              {copied ? 'Copied' : 'Copy PEM'}
            </button>
          </section>
          <ExportPanel />
        </>
      )}
      <section className="panel" aria-label="History">
        <h2>Certificate versions</h2>
        <ul data-testid="versions">
          {detail.versions.map((v) => (
            <li key={v.id}>
              <code>{v.serialNumber}</code> {v.status} ({v.origin.toUpperCase()}), {new Date(v.notBefore).toLocaleDateString()} – {new Date(v.notAfter).toLocaleDateString()}
            </li>
          ))}
        </ul>
        <h2>Transactions</h2>
        <ul>
          {detail.transactions.map((t) => (
            <li key={t.id}>
              {new Date(t.startedAt).toLocaleString()}: {t.type.toUpperCase()} ({t.trigger}) — {t.state}
              {t.lastError ? `: ${t.lastError}` : ''}
            </li>
          ))}
        </ul>
        <h2>Events</h2>
        <ul>
          {detail.events.slice(0, 50).map((e) => (
            <li key={e.sequence}>
              {new Date(e.at).toLocaleString()}: {e.message}
            </li>
          ))}
        </ul>
      </section>
      <DeploymentPanel key={`${record.id}:${record.deployFolder ?? ''}`} record={record} />
    </article>
  );
}
