import { describe, expect, it } from 'vitest';
import { desktopNotificationSchema, type DesktopNotification, type NotificationPreferences } from '../../../src-shared/ipc/index';
import type { LifecycleNotification, LifecycleNotificationKind } from '../../../src-main/lifecycle';
import { RateLimitedNotifier, type SummaryTimer } from '../../../src-main/app/notifications/rate_limited_notifier';

/** A timer the test fires by hand: the window ends when the test says so. */
function manualTimer() {
  const pending: { ms: number; fire: () => void; cancelled: boolean }[] = [];
  const timer: SummaryTimer = {
    schedule(ms, fire) {
      const entry = { ms, fire, cancelled: false };
      pending.push(entry);
      return { cancel: () => (entry.cancelled = true) };
    },
  };
  return { timer, pending, endWindow: () => pending.filter((p) => !p.cancelled).splice(0).forEach((p) => { p.cancelled = true; p.fire(); }) };
}

const note = (kind: LifecycleNotificationKind, i: number): LifecycleNotification => ({ kind, recordId: `id-${i}`, recordName: `rec-${i}`, message: `message ${i}`, at: '2026-05-01T00:00:00.000Z' });

function setup(preferences: NotificationPreferences = { 'expiry-warnings': true, failures: true, renewals: true }) {
  const shown: DesktopNotification[] = [];
  const clock = manualTimer();
  const notifier = new RateLimitedNotifier({ show: (n) => shown.push(desktopNotificationSchema.parse(n)), preferences: () => preferences, timer: clock.timer, burst: 3, windowMs: 60_000, now: () => new Date('2026-05-01T00:01:00Z') });
  return { shown, clock, notifier, preferences };
}

describe('rate-limited notifier', () => {
  it('shows single notifications with the record to open, up to the burst', () => {
    const { shown, notifier } = setup();
    notifier.notify(note('renewal-failed', 1));
    notifier.notify(note('certificate-renewed', 2));
    expect(shown).toEqual([
      { category: 'failures', title: 'Renewal failed', body: 'message 1', recordId: 'id-1', count: 1, at: '2026-05-01T00:00:00.000Z' },
      { category: 'renewals', title: 'Certificate renewed', body: 'message 2', recordId: 'id-2', count: 1, at: '2026-05-01T00:00:00.000Z' },
    ]);
  });

  it('turns 10,000 due records into the burst plus one summary per category, no storm', () => {
    const { shown, clock, notifier } = setup();
    for (let i = 0; i < 10_000; i++) notifier.notify(note('expiry-warning', i));
    for (let i = 0; i < 500; i++) notifier.notify(note('renewal-failed', i));
    expect(shown).toHaveLength(3);
    clock.endWindow();
    expect(shown).toHaveLength(5);
    expect(shown.slice(3)).toEqual([
      { category: 'expiry-warnings', title: '9997 more expiry warnings', body: 'rec-3, rec-4, rec-5, …', recordId: null, count: 9997, at: '2026-05-01T00:01:00.000Z' },
      { category: 'failures', title: '500 more failures needing action', body: 'rec-0, rec-1, rec-2, …', recordId: null, count: 500, at: '2026-05-01T00:01:00.000Z' },
    ]);
    const represented = shown.reduce((sum, n) => sum + n.count, 0);
    expect(represented).toBe(10_500);
    // The next window starts fresh.
    notifier.notify(note('certificate-renewed', 1));
    expect(shown).toHaveLength(6);
    expect(clock.pending.filter((p) => !p.cancelled)).toHaveLength(1);
  });

  it('drops a switched-off category before it counts against the burst, and follows a change at once', () => {
    const { shown, notifier, preferences } = setup({ 'expiry-warnings': false, failures: true, renewals: true });
    for (let i = 0; i < 100; i++) notifier.notify(note('expiry-warning', i));
    notifier.notify(note('deploy-failed', 1));
    expect(shown.map((n) => n.title)).toEqual(['Deployment failed']);
    preferences['expiry-warnings'] = true;
    notifier.notify(note('expiry-warning', 7));
    expect(shown.at(-1)).toMatchObject({ category: 'expiry-warnings', recordId: 'id-7' });
  });

  it('flush shows the pending summary now (before quitting)', () => {
    const { shown, notifier } = setup();
    for (let i = 0; i < 4; i++) notifier.notify(note('certificate-deleted', i));
    notifier.flush();
    expect(shown.at(-1)).toMatchObject({ title: '1 more failure needing action', count: 1, body: 'rec-3' });
  });
});
