import type { EventHub } from '../../../src-shared/ipc/index';
import type { DesktopPreferencesFile } from './desktop_preferences';
import { RateLimitedNotifier } from './rate_limited_notifier';

/** The web host's Notifier: the same rate limit, delivered as the notifications.show IPC event. */
export function ipcNotifier(events: EventHub, preferences: DesktopPreferencesFile): RateLimitedNotifier {
  return new RateLimitedNotifier({ show: (n) => events.emit('notifications.show', n), preferences: () => preferences.notifications() });
}
