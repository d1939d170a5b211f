import { describe, expect, it } from 'vitest';
import { forecastRenewals } from '../../../src-main/lifecycle/forecast';
import { nextRetryAt } from '../../../src-main/lifecycle/retry_backoff';
import { day, noon, params, settings, view } from './policy_fixtures';

describe('forecast', () => {
  it('lists each renewal at renew-before-expiry, repeated with the same lifetime until the horizon', () => {
    const v = view({ renewBeforeExpiryDays: 2, current: { certificateId: 'c', notBefore: noon, notAfter: noon + 10 * day, requested: params() } });
    const entries = forecastRenewals([v], settings, noon, 30);
    expect(entries.map((e) => (e.at - noon) / day)).toEqual([8, 16, 24]);
    expect(entries.every((e) => e.type === 'kur')).toBe(true);
  });

  it('moves a KUR due outside the window to the window opening', () => {
    const night = { ...settings, kurWindowStart: '02:00', kurWindowEnd: '04:00' };
    const v = view({ renewBeforeExpiryDays: 2, current: { certificateId: 'c', notBefore: noon, notAfter: noon + 10 * day, requested: params() } });
    const [first] = forecastRenewals([v], night, noon, 9);
    expect(new Date(first.at)).toEqual(new Date(2026, 0, 19, 2, 0));
    expect(first.dueSince).toBe(noon + 8 * day);
  });

  it('lists an IR now for a record without certificate and nothing for manual records', () => {
    const entries = forecastRenewals([view({ current: null }), view({ managedBy: 'manual', desired: null, name: 'manual' })], settings, noon, 5);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ type: 'ir', at: noon });
  });
});

describe('retry backoff', () => {
  const base = { processingIntervalMs: 300_000, kind: 'ir' as const, shortValidity: false, notAfter: null };
  it('doubles from one tick up to an hour', () => {
    expect(nextRetryAt(0, { ...base, failures: 1 })).toBe(300_000);
    expect(nextRetryAt(0, { ...base, failures: 3 })).toBe(1_200_000);
    expect(nextRetryAt(0, { ...base, failures: 30 })).toBe(3_600_000);
  });
  it('retries a short-validity rejection at the next tick for IR, after 1 h + tick for KUR', () => {
    expect(nextRetryAt(0, { ...base, failures: 1, shortValidity: true })).toBe(300_000);
    expect(nextRetryAt(0, { ...base, failures: 1, shortValidity: true, kind: 'kur' })).toBe(3_900_000);
  });
  it('never waits past the certificate expiry', () => {
    expect(nextRetryAt(0, { ...base, failures: 30, notAfter: 1_000_000 })).toBe(700_000);
  });
});
