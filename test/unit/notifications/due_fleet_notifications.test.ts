import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createInProcessTransport, createIpcClient, type DesktopNotification } from '../../../src-shared/ipc/index';
import { composeApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';
import { openDatabase } from '../../../src-main/store';
import { dueName, seedDueFleet } from './due_fleet';

const root = mkdtempSync(join(tmpdir(), 'cmp-desk-due-fleet-'));
afterAll(() => {
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

const due = 10_000;
const failing = 5;
/** Local noon: the KUR window of the seeded settings (02:00–03:00) is closed, so the due KURs wait in the batch. */
const now = new Date(2026, 0, 10, 12, 0).getTime();
const windowMs = 60_000;

/**
 * Issue 8, "notification rate limit with 10,000 due records", end to end: a real SQLite store with
 * 10,000 records inside their expiry warning period (plus a few whose IR fails), the web host's
 * composition root (composeApp: its EngineLifecycle ticks at start and hands every notification
 * to ipcNotifier, the RateLimitedNotifier behind notifications.show), and a fake clock for the
 * whole host (Date and setTimeout), so the window ends when the test says so.
 */
describe('10,000 due records through the web host', () => {
  it('shows the burst, then one summary per kind; every warning is still in Activity', async () => {
    const dataDir = join(root, 'data');
    const seedStart = performance.now();
    const fleet = await seedDueFleet({ dataDir, now, due, failing });
    const seedMs = performance.now() - seedStart;

    vi.useFakeTimers({ now, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: dataDir }), host: 'web' });
    try {
      const client = createIpcClient(createInProcessTransport(app.dispatch, app.events));
      const shown: DesktopNotification[] = [];
      client.on('notifications.show', (n) => shown.push(n));
      const changedEvents: string[][] = [];
      client.on('records.changed', ({ recordIds }) => changedEvents.push(recordIds));
      const logLines: string[] = [];
      client.on('app.log', (entry) => logLines.push(entry.message));

      // The engine's first tick runs while it starts; the failing IRs end after it.
      const tickStart = performance.now();
      await app.backgroundEngine.started();
      await app.backgroundEngine.idle();
      const tickMs = performance.now() - tickStart;
      expect(app.backgroundEngine.status()).toEqual({ state: 'running' });
      expect(app.backgroundEngine.counts()).toEqual({ valid: 0, due, failing });
      // The renderer hears of the 10,000 warned records in a handful of records.changed events, not one each.
      await new Promise((resolve) => setImmediate(resolve));
      expect(changedEvents.length).toBeLessThanOrEqual(10);
      expect(new Set(changedEvents.flat())).toEqual(new Set([...fleet.due, ...fleet.failing].map((r) => r.id)));
      // The log (and the Activity view's live lines) get one line for the 10,000 warnings, not 10,000.
      const warningLines = logLines.filter((line) => /expir/i.test(line));
      expect(warningLines).toEqual([`Expiry warnings for ${due} certificates (${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `"${dueName(i)}"`).join(', ')}, …); each one is in Activity`]);

      // Inside the first window: the burst, the first three warnings in the tick's name order.
      expect(shown).toEqual(
        fleet.due.slice(0, 3).map((r) => ({
          category: 'expiry-warnings',
          title: 'Certificate expires soon',
          body: `The certificate of "${r.name}" expires at ${fleet.notAfter.toISOString()} (in 15 days)`,
          recordId: r.id,
          count: 1,
          at: new Date(now).toISOString(),
        })),
      );

      // The window ends: one summary per kind naming how many more, then nothing else.
      await vi.advanceTimersByTimeAsync(windowMs);
      const summaries = shown.slice(3);
      const at = new Date(now + windowMs).toISOString();
      expect(summaries).toHaveLength(2);
      expect(summaries[0]).toEqual({ category: 'expiry-warnings', title: `${due - 3} more expiry warnings`, body: `${dueName(3)}, ${dueName(4)}, ${dueName(5)}, …`, recordId: null, count: due - 3, at });
      expect(summaries[1]).toMatchObject({ category: 'failures', title: `${failing} more failures needing action`, recordId: null, count: failing, at });
      // The IRs fail concurrently: which three failures the summary names depends on their order.
      const named = summaries[1].body.replace(/, …$/, '').split(', ');
      expect(named).toHaveLength(3);
      expect(fleet.failing.map((r) => r.name)).toEqual(expect.arrayContaining(named));
      expect(shown.reduce((sum, n) => sum + n.count, 0)).toBe(due + failing);
      // Until the next tick (5 minutes after the first) nothing more is shown.
      await vi.advanceTimersByTimeAsync(4 * windowMs - 1);
      expect(shown).toHaveLength(5);

      // Nothing is lost, only not shown: each record's warning is in Activity (queried in slices under its limit).
      const warned = new Map<string, number>();
      for (let thousand = 0; thousand < due / 1000; thousand++) {
        const { events, truncated } = await client.invoke('activity.audit', { types: ['expiry-warning'], text: `"device-0${thousand}`, limit: 5000 });
        expect(truncated).toBe(false);
        expect(events).toHaveLength(1000);
        for (const event of events) warned.set(event.objectId!, (warned.get(event.objectId!) ?? 0) + 1);
      }
      expect(warned.size).toBe(due);
      expect(fleet.due.every((r) => warned.get(r.id) === 1)).toBe(true);
      const failures = await client.invoke('activity.audit', { types: ['failed'], objectKinds: ['certificate-record'], limit: 5000 });
      expect(failures.events.map((e) => e.objectId).sort()).toEqual(fleet.failing.map((r) => r.id).sort());

      console.info(`due-fleet notifications: seeding ${due + failing} records ${Math.round(seedMs)} ms, start + first tick ${Math.round(tickMs)} ms`);
    } finally {
      await app.close();
      vi.useRealTimers();
    }
    const database = openDatabase(dataDir);
    try {
      expect(database.integrityCheck()).toEqual([]);
    } finally {
      database.close();
    }
  }, 90_000);
});
