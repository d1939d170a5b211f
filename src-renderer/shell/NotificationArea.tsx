import { useAppStore } from '../state/store';
import { selectNotices } from '../state/notifications/selectors';

/**
 * Lifecycle notifications in the web host (the desktop app shows OS notifications instead): a
 * fixed corner above the status bar, so a notice never moves the page; read out politely by screen
 * readers; each one stays until dismissed, and one about a record opens it.
 */
export function NotificationArea() {
  const notices = useAppStore(selectNotices);
  const { dismissNotice, showSection, openRecord } = useAppStore.getState();
  return (
    <div className="notification-area" role="status" aria-live="polite" aria-label="Notifications">
      {notices.map(({ id, notification }) => (
        <div key={id} className={`notice notice-${notification.category}`} data-testid="notice">
          <div className="notice-text">
            <strong>{notification.title}</strong>
            <p>{notification.body}</p>
            {notification.recordId !== null && (
              <button
                type="button"
                className="link"
                onClick={() => {
                  showSection('certificates');
                  void openRecord(notification.recordId ?? undefined);
                  dismissNotice(id);
                }}
              >
                Open the record
              </button>
            )}
          </div>
          <button type="button" className="notice-dismiss" aria-label={`Dismiss: ${notification.title}`} onClick={() => dismissNotice(id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
