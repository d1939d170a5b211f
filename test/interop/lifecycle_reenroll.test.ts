import { afterEach, describe, expect, it } from 'vitest';
import { LifecycleScheduler } from '../../src-main/lifecycle';
import { startHarness, type Harness } from './lifecycle_harness';

describe('lifecycle against the lab CA: re-enrollment on demand', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('forceRenew with ir sends an IR for a renewable certificate; without it the same record gets a KUR', async () => {
    h = await startHarness({ records: 1, validitySeconds: 30 * 86_400, renewBeforeExpiryDays: 5 });
    const { store, engine } = h.life;
    await new LifecycleScheduler(engine).runOnce();
    const record = store.certificateRecords.list()[0];
    const last = () => store.transactions.history(record.id, 1)[0];
    const first = store.certificates.current(record.id)!;
    expect(first.origin).toBe('ir');

    await engine.forceRenew(record.id, { applyNow: true });
    expect(last()).toMatchObject({ type: 'kur', trigger: 'force-renew', state: 'completed' });
    const renewed = store.certificates.current(record.id)!;
    expect(renewed.origin).toBe('kur');

    await engine.forceRenew(record.id, { applyNow: true, ir: true });
    expect(last()).toMatchObject({ type: 'ir', trigger: 'force-renew', state: 'completed' });
    const reenrolled = store.certificates.current(record.id)!;
    expect(reenrolled.origin).toBe('ir');
    expect(reenrolled.id).not.toBe(renewed.id);
    expect(store.certificates.get(renewed.id)?.status).toBe('deleted');
  });
});
