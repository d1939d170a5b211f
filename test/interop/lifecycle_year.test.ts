import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isInsideKurWindow, LifecycleScheduler } from '../../src-main/lifecycle';
import { dateClock, presentInTlsProfile, setGlobalConfig, startHarness, type Harness } from './lifecycle_harness';

const hour = 3_600_000;
const day = 24 * hour;
const window = { start: '02:00', end: '04:00' };

describe('lifecycle: a simulated year against the lab CA', () => {
  let h: Harness | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2027, 0, 1, 12, 0));
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    vi.useRealTimers();
  });

  it('renews every record inside the KUR window, never lets one lapse, deletes old certificates and keeps TLS profiles on the record', async () => {
    h = await startHarness({ records: 3, validitySeconds: 6 * 86_400, renewBeforeExpiryDays: 2, clock: dateClock((ms) => vi.setSystemTime(Date.now() + ms)) });
    setGlobalConfig(h, { kurWindowStart: window.start, kurWindowEnd: window.end, processingIntervalMinutes: 60, expiryWarningDays: 0 });
    const { store } = h.life;
    const records = store.certificateRecords.list();
    const tlsProfileId = presentInTlsProfile(h, records[0].id);
    const scheduler = new LifecycleScheduler(h.life.engine);
    const start = Date.now();
    let lapses = 0;
    for (let t = start; t < start + 365 * day; t += hour) {
      vi.setSystemTime(t);
      await scheduler.runOnce();
      for (const record of records) {
        const current = store.certificates.current(record.id);
        if (current === null || Date.parse(current.notAfter) <= t) lapses++;
      }
    }
    expect(lapses).toBe(0);
    for (const record of records) {
      const transactions = store.transactions.history(record.id, 1000);
      const kurs = transactions.filter((x) => x.type === 'kur');
      expect(kurs.length).toBeGreaterThan(70);
      expect(transactions.every((x) => x.state === 'completed')).toBe(true);
      expect(kurs.filter((x) => !isInsideKurWindow(new Date(x.startedAt), window))).toEqual([]);
      const versions = store.certificates.history(record.id);
      expect(versions.filter((c) => c.status === 'current')).toHaveLength(1);
      expect(versions.filter((c) => c.status !== 'current').every((c) => c.status === 'deleted')).toBe(true);
      expect(versions.filter((c) => c.origin === 'kur').every((c) => isInsideKurWindow(new Date(c.obtainedAt), window))).toBe(true);
    }
    expect(store.config.tlsProfiles.get(tlsProfileId)?.clientCertificateRecordId).toBe(records[0].id);
    expect(h.notifications.filter((n) => n.kind === 'renewal-failed' || n.kind === 'certificate-deleted')).toEqual([]);
    expect(store.database.integrityCheck()).toEqual([]);
  }, 600_000);
});
