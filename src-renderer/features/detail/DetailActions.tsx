import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { revocationReason, type RecordDetail, type RevocationReasonName } from '../../../src-shared/ipc/index';
import { useAppStore } from '../../state/store';
import { selectAction } from '../../state/detail/selectors';
import { selectProgressFor } from '../../state/records/selectors';

type Dialog = 'renew' | 'revoke' | null;

/** Force renew, poll, re-enroll, revoke, cancel: each confirmed where it matters, the outcome shown inline. */
export function DetailActions({ detail }: { detail: RecordDetail }) {
  const action = useAppStore(useShallow(selectAction));
  const progress = useAppStore(selectProgressFor(detail.record.id));
  const act = useAppStore(useShallow((s) => ({ forceRenew: s.forceRenew, pollNow: s.pollNow, reenroll: s.reenroll, revoke: s.revoke, cancel: s.cancelTransaction })));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [applyNow, setApplyNow] = useState(true);
  const [reason, setReason] = useState<RevocationReasonName>('unspecified');
  const [typed, setTyped] = useState('');
  const open = detail.summary.openTransaction;
  const busy = action.busy !== null;
  const cmp = detail.record.managedBy === 'cmp';
  return (
    <section className="detail-actions" aria-label="Actions">
      <div className="button-row">
        <button type="button" className="primary" disabled={busy || !cmp} onClick={() => setDialog('renew')} data-testid="force-renew">
          Force renew
        </button>
        <button type="button" disabled={busy || open?.state !== 'waiting'} onClick={() => void act.pollNow()} title={open?.state === 'waiting' ? undefined : 'Only a request the CA answered with "waiting" can be polled'}>
          Poll now
        </button>
        <button type="button" disabled={busy || !cmp} onClick={() => void act.reenroll()}>
          Re-enroll (IR)
        </button>
        <button type="button" disabled={busy || detail.current === null} onClick={() => setDialog('revoke')} data-testid="revoke">
          Revoke…
        </button>
        <button type="button" disabled={busy || open === null} onClick={() => void act.cancel()}>
          Cancel stuck transaction
        </button>
      </div>
      {dialog === 'renew' && (
        <div className="inline-dialog" role="dialog" aria-modal="false" aria-labelledby="renew-title">
          <h3 id="renew-title">Force renew “{detail.record.name}”?</h3>
          <p>The request is sent now, whatever the KUR window. When should the new certificate be put into use?</p>
          <label className="radio">
            <input type="radio" checked={applyNow} onChange={() => setApplyNow(true)} /> At once
          </label>
          <label className="radio">
            <input type="radio" checked={!applyNow} onChange={() => setApplyNow(false)} /> At the next KUR window
          </label>
          <div className="button-row">
            <button type="button" className="primary" data-testid="confirm-renew" onClick={() => { setDialog(null); void act.forceRenew(applyNow); }}>
              Renew
            </button>
            <button type="button" onClick={() => setDialog(null)}>Cancel</button>
          </div>
        </div>
      )}
      {dialog === 'revoke' && (
        <div className="inline-dialog" role="dialog" aria-modal="false" aria-labelledby="revoke-title">
          <h3 id="revoke-title">Revoke the certificate of “{detail.record.name}”?</h3>
          <label>
            Reason{' '}
            <select value={reason} data-testid="revoke-reason" onChange={(e) => setReason(e.target.value as RevocationReasonName)}>
              {revocationReason.options.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
          <label>
            Type the record name to confirm{' '}
            <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Type the record name to confirm revocation" data-testid="revoke-typed-name" />
          </label>
          <p>The CA puts the certificate on its revocation list; this cannot be undone. The record keeps it until a new one is enrolled.</p>
          <div className="button-row">
            <button type="button" className="danger" data-testid="confirm-revoke" disabled={typed !== detail.record.name} onClick={() => { setDialog(null); setTyped(''); void act.revoke(reason); }}>
              Revoke
            </button>
            <button type="button" onClick={() => setDialog(null)}>Cancel</button>
          </div>
        </div>
      )}
      <div aria-live="polite" className="action-outcome" data-testid="action-outcome">
        {action.busy && <p>{action.busy}…</p>}
        {action.message && <p className="ok-text">{action.message}</p>}
        {action.error && <p className="problem" role="alert">{action.error}</p>}
        {progress && progress.length > 0 && (
          <ol className="progress-log" aria-label="Latest transaction steps">
            {progress.slice(-6).map((p) => (
              <li key={`${p.at}-${p.step}`}>
                <time dateTime={p.at}>{new Date(p.at).toLocaleTimeString()}</time> {p.type.toUpperCase()}: {p.message}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
