import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store';
import { selectNextRenewals, selectStatusCounts, statusLabels, statusOrder } from '../../state/records/selectors';
import { selectVerifyReport } from '../../state/admin/selectors';
import { StatusBadge } from '../common/StatusBadge';
import { countdown } from './RecordsTable';
import { useNow } from '../common/use_now';

/** Counts by status (each a filter), the next renewals, what needs attention, verify-config findings. */
export function SummaryStrip({ onOpen }: { onOpen: (id: string) => void }) {
  const counts = useAppStore(useShallow(selectStatusCounts));
  const next = useAppStore(selectNextRenewals);
  const report = useAppStore(selectVerifyReport);
  const failures = useAppStore(useShallow((s) => s.records.filter((r) => r.status === 'failed' || r.status === 'expired').slice(0, 5)));
  const setFilter = useAppStore((s) => s.setFilter);
  const now = useNow();
  return (
    <div className="summary-strip" data-testid="summary-strip">
      <section aria-label="Records by status" className="summary-counts">
        {statusOrder.map((status) => (
          <button key={status} type="button" className="count" onClick={() => setFilter({ statuses: [status] })} aria-label={`${counts[status]} ${statusLabels[status]}; show only these`}>
            <span className="count-number">{counts[status]}</span>
            <StatusBadge status={status} />
          </button>
        ))}
      </section>
      <section aria-label="Next renewals" className="summary-list">
        <h2>Next renewals</h2>
        {next.length === 0 ? <p className="muted">None scheduled</p> : (
          <ul>
            {next.map((r) => (
              <li key={r.id}>
                <button type="button" className="link" onClick={() => onOpen(r.id)}>{r.name}</button> {countdown(r.renewAt, now)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Needs attention" className="summary-list">
        <h2>Needs attention</h2>
        {failures.length === 0 ? <p className="muted">No failures</p> : (
          <ul>
            {failures.map((r) => (
              <li key={r.id}>
                <button type="button" className="link" onClick={() => onOpen(r.id)}>{r.name}</button>: {r.statusDetail}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="verify-config findings" className="summary-list">
        <h2>Configuration check</h2>
        {report === undefined ? <p className="muted">Not run yet</p> : (
          <p>
            {report.counts.error} error(s), {report.counts.warning} warning(s)
            {report.findings[0] && <><br /><span className="muted">{report.findings[0].object.name}: {report.findings[0].problem}</span></>}
          </p>
        )}
      </section>
    </div>
  );
}
