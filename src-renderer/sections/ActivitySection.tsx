import { useAppStore } from '../state/store';
import { selectActivity, selectInfo } from '../state/selectors';
import { EmptyState } from './EmptyState';

/** The application log as main pushes it (app.log), newest first. */
export function ActivitySection() {
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
