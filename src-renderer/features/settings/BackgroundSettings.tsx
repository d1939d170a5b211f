import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NotificationCategory } from '../../../src-shared/ipc/index';
import { useAppStore } from '../../state/store';
import { selectBackgroundPreferences } from '../../state/notifications/selectors';

const kinds: { category: NotificationCategory; label: string }[] = [
  { category: 'expiry-warnings', label: 'Expiry warnings' },
  { category: 'failures', label: 'Failures that need action (renewal failed, certificate deleted, deployment failed)' },
  { category: 'renewals', label: 'Completed renewals' },
];

/** Which notifications are shown, and whether the desktop app starts at login. Each switch applies at once. */
export function BackgroundSettings() {
  const { preferences, error } = useAppStore(useShallow(selectBackgroundPreferences));
  const { load, change } = useAppStore(useShallow((s) => ({ load: s.loadBackgroundPreferences, change: s.changeBackgroundPreferences })));
  useEffect(() => {
    void load();
  }, [load]);
  if (!preferences) return error ? <p className="problem" role="alert">{error}</p> : <p>Loading…</p>;
  return (
    <div data-testid="background-settings">
      <fieldset>
        <legend>Show notifications for</legend>
        {kinds.map(({ category, label }) => (
          <label key={category} className="checkbox">
            <input type="checkbox" checked={preferences.notifications[category]} onChange={(e) => void change({ notifications: { [category]: e.target.checked } })} /> {label}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={preferences.launchAtLogin}
          disabled={!preferences.launchAtLoginAvailable}
          aria-describedby="launch-at-login-note"
          onChange={(e) => void change({ launchAtLogin: e.target.checked })}
        />{' '}
        Launch at login
      </label>
      <p className="hint" id="launch-at-login-note">{preferences.launchAtLoginNote}</p>
      {error && <p className="problem" role="alert">{error}</p>}
    </div>
  );
}
