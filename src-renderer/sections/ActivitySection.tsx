import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { auditEventType, auditObjectKind } from '../../src-shared/domain';
import { useAppStore } from '../state/store';
import { selectActivity, selectInfo } from '../state/selectors';
import { selectAudit, selectAuditFilter, selectOutstanding, selectStatistics } from '../state/audit/selectors';
import { EmptyState } from './EmptyState';

/** Audit log with filters, statistics and outstanding requests, then the live application log. */
export function ActivitySection() {
  const filter = useAppStore(useShallow(selectAuditFilter));
  const audit = useAppStore(useShallow(selectAudit));
  const statistics = useAppStore(selectStatistics);
  const outstanding = useAppStore(selectOutstanding);
  const { setAuditFilter, loadActivity } = useAppStore(useShallow((s) => ({ setAuditFilter: s.setAuditFilter, loadActivity: s.loadActivity })));
  useEffect(() => {
    void loadActivity();
  }, [loadActivity]);
  return (
    <div className="activity">
      <section className="panel" aria-label="Audit log">
        <h2>Audit log</h2>
        <div className="toolbar-row">
          <input type="search" aria-label="Search the audit log" placeholder="Search messages…" value={filter.text} onChange={(e) => setAuditFilter({ text: e.target.value })} />
          <select aria-label="Event type" value={filter.type} onChange={(e) => setAuditFilter({ type: e.target.value as never })}>
            <option value="">All events</option>
            {auditEventType.options.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
          <select aria-label="Object kind" value={filter.objectKind} onChange={(e) => setAuditFilter({ objectKind: e.target.value as never })}>
            <option value="">All objects</option>
            {auditObjectKind.options.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
          <select aria-label="Period" value={filter.sinceDays} onChange={(e) => setAuditFilter({ sinceDays: Number(e.target.value) })}>
            <option value={1}>Last day</option>
            <option value={7}>Last week</option>
            <option value={30}>Last 30 days</option>
            <option value={3650}>Everything</option>
          </select>
        </div>
        {audit.error && <p className="problem" role="alert">{audit.error}</p>}
        <table className="data-table" data-testid="audit-table">
          <thead><tr><th>Time</th><th>Event</th><th>Object</th><th>Message</th></tr></thead>
          <tbody>
            {audit.events.map((e) => (
              <tr key={e.sequence}><td>{new Date(e.at).toLocaleString()}</td><td>{e.type}</td><td>{e.objectKind}</td><td>{e.message}</td></tr>
            ))}
          </tbody>
        </table>
        {audit.events.length === 0 && <p className="muted">No events match.</p>}
        {audit.truncated && <p className="muted">Showing the newest 500; narrow the filters to see older events.</p>}
      </section>
      <section className="panel" aria-label="Outstanding requests">
        <h2>Outstanding requests</h2>
        {outstanding.length === 0 ? <p className="muted">No transaction is open.</p> : (
          <ul>{outstanding.map((o) => <li key={o.transaction.id}>{o.recordName}: {o.transaction.type.toUpperCase()} {o.transaction.state} since {new Date(o.transaction.startedAt).toLocaleString()}{o.serverName ? ` at ${o.serverName}` : ''}{o.transaction.nextPollAt ? `, next poll ${new Date(o.transaction.nextPollAt).toLocaleTimeString()}` : ''}</li>)}</ul>
        )}
      </section>
      <section className="panel" aria-label="Statistics">
        <h2>Statistics</h2>
        {statistics.length === 0 ? <p className="muted">No CMP messages counted yet.</p> : (
          <table className="data-table">
            <thead><tr><th>Record</th><th>Message</th><th>Outcome</th><th>Count</th><th>Last</th></tr></thead>
            <tbody>{statistics.map((c, i) => <tr key={i}><td>{c.recordName ?? '—'}</td><td>{c.messageType}</td><td>{c.outcome}</td><td>{c.count}</td><td>{new Date(c.lastAt).toLocaleString()}</td></tr>)}</tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-label="Application log">
        <h2>Application log (this session)</h2>
        <AppLog />
      </section>
    </div>
  );
}

/** The application log as main pushes it (app.log), newest first. */
function AppLog() {
  const activity = useAppStore(selectActivity);
  const info = useAppStore(selectInfo);
  if (activity.length === 0) {
    return (
      <EmptyState title="No activity since this window opened">
        Enrollments, renewals, polling and failures appear here as they happen. The full log is kept in{' '}
        {info ? <code>{info.logsDir}</code> : 'the logs folder'}.
      </EmptyState>
    );
  }
  return (
    <ol className="activity-list" aria-label="Activity">
      {[...activity].reverse().map((entry, index) => (
        <li key={`${entry.at}-${activity.length - index}`} className={`level-${entry.level}`}>
          <time dateTime={entry.at}>{new Date(entry.at).toLocaleTimeString()}</time>
          <span className="level">{entry.level}</span>
          <span className="source">{entry.source}</span>
          <span className="message">{entry.message}</span>
        </li>
      ))}
    </ol>
  );
}
