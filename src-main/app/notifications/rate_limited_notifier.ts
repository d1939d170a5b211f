import type { DesktopNotification, NotificationCategory, NotificationPreferences } from '../../../src-shared/ipc/index';
import type { LifecycleNotification, Notifier } from '../../lifecycle';
import { categoryOf, singleTitle, summaryTitle } from './notification_category';

/** The timer the limiter flushes summaries with; tests pass one they fire themselves. */
export interface SummaryTimer {
  schedule(ms: number, fire: () => void): { cancel(): void };
}

export const realSummaryTimer: SummaryTimer = {
  schedule(ms, fire) {
    const handle = setTimeout(fire, ms);
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
};

export interface RateLimitedNotifierOptions {
  /** Shows one notification: Electron's Notification, or the notifications.show IPC event. */
  show(notification: DesktopNotification): void;
  /** Read on every notification, so a Settings change applies at once. */
  preferences(): NotificationPreferences;
  /** Notifications shown one by one per window; the rest become one summary per category. Default 3. */
  burst?: number;
  /** Length of a window. Default 60 s. */
  windowMs?: number;
  timer?: SummaryTimer;
  now?: () => Date;
}

interface PendingSummary {
  count: number;
  /** A few record names for the summary's body. */
  names: string[];
}

const namesInSummary = 3;

/**
 * The lifecycle's Notifier for hosts with a screen. A tick over 10,000 records may produce
 * thousands of notifications at once; the first `burst` of a window are shown as they come, the
 * rest are counted per category and shown as one summary each when the window ends ("37 more
 * expiry warnings: a, b, c, …"). Switched-off categories are dropped before they count.
 */
export class RateLimitedNotifier implements Notifier {
  private shownInWindow = 0;
  private windowTimer: { cancel(): void } | undefined;
  private readonly pending = new Map<NotificationCategory, PendingSummary>();

  constructor(private readonly options: RateLimitedNotifierOptions) {}

  notify(notification: LifecycleNotification): void {
    const category = categoryOf(notification.kind);
    if (!this.options.preferences()[category]) return;
    this.windowTimer ??= (this.options.timer ?? realSummaryTimer).schedule(this.options.windowMs ?? 60_000, () => this.endWindow());
    if (this.shownInWindow < (this.options.burst ?? 3)) {
      this.shownInWindow++;
      this.options.show({ category, title: singleTitle[notification.kind], body: notification.message, recordId: notification.recordId, count: 1, at: notification.at });
      return;
    }
    const summary = this.pending.get(category) ?? { count: 0, names: [] };
    summary.count++;
    if (summary.names.length < namesInSummary) summary.names.push(notification.recordName);
    this.pending.set(category, summary);
  }

  /** Shows what is pending now (e.g. before quitting) and starts a fresh window. */
  flush(): void {
    this.windowTimer?.cancel();
    this.endWindow();
  }

  private endWindow(): void {
    this.windowTimer = undefined;
    this.shownInWindow = 0;
    const at = (this.options.now?.() ?? new Date()).toISOString();
    for (const [category, summary] of this.pending) {
      const more = summary.count > summary.names.length ? ', …' : '';
      this.options.show({ category, title: summaryTitle(category, summary.count), body: `${summary.names.join(', ')}${more}`, recordId: null, count: summary.count, at });
    }
    this.pending.clear();
  }
}
