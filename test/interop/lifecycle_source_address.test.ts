import { afterEach, describe, expect, it, vi } from 'vitest';
import { revokeCurrentCertificate } from '../../src-main/app/handlers/record_revocation';
import { LifecycleScheduler } from '../../src-main/lifecycle';
import { dateClock, startHarness, type Harness } from './lifecycle_harness';

const minute = 60_000;

describe('lifecycle against the lab CA: the CmpServer\'s source address', () => {
  let h: Harness | undefined;
  const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
  afterEach(async () => {
    await h?.close();
    h = undefined;
    vi.useRealTimers();
  });

  function sendFrom(harness: Harness, sourceAddress: string): void {
    for (const server of harness.life.store.config.cmpServers.list()) harness.life.store.config.cmpServers.save({ ...server, sourceAddress });
  }

  it('an address this computer lacks fails the enrollment naming it; with one it has (127.0.0.2) the retry enrolls', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2027, 2, 1, 12, 0));
    h = await startHarness({ records: 1, validitySeconds: 30 * 86_400, renewBeforeExpiryDays: 5, clock: dateClock(advance) });
    const [record] = h.life.store.certificateRecords.list();
    const scheduler = new LifecycleScheduler(h.life.engine);

    sendFrom(h, '192.0.2.1');
    await scheduler.runOnce();
    expect(h.life.store.certificates.current(record.id)).toBeNull();
    expect(h.life.store.lifecycle.recordState(record.id)?.lastError).toContain('the source address 192.0.2.1 is not assigned to this computer');
    expect(h.lab.admin.certificates()).toEqual([]);

    sendFrom(h, '127.0.0.2');
    for (let i = 0; i < 100 && h.life.store.certificates.current(record.id) === null; i++) {
      advance(5 * minute);
      await scheduler.runOnce();
    }
    expect(h.life.store.certificates.current(record.id)?.origin).toBe('ir');
    expect(h.life.store.lifecycle.recordState(record.id)?.lastError).toBeNull();
  });

  it('a revocation is sent from the source address too', async () => {
    h = await startHarness({ records: 1, validitySeconds: 30 * 86_400, renewBeforeExpiryDays: 5 });
    const [record] = h.life.store.certificateRecords.list();
    await new LifecycleScheduler(h.life.engine).runOnce();
    expect(h.life.store.certificates.current(record.id)).not.toBeNull();

    sendFrom(h, '192.0.2.1');
    await expect(revokeCurrentCertificate(h.life, record.id, 'superseded')).rejects.toThrow(/the source address 192\.0\.2\.1 is not assigned to this computer/);
    expect(h.lab.admin.certificates().map((c) => c.state)).toEqual(['issued']);

    sendFrom(h, '127.0.0.2');
    await revokeCurrentCertificate(h.life, record.id, 'superseded');
    expect(h.lab.admin.certificates().map((c) => c.state)).toEqual(['revoked']);
  });
});
