import { X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LifecycleScheduler } from '../../src-main/lifecycle';
import { dateClock, startHarness, type Harness } from './lifecycle_harness';

const minute = 60_000;
const day = 86_400_000;

/**
 * reference/000 "Operation for Failed Updates": the most recent action on a record is what counts.
 * Changes made while its transaction keeps failing are not stacked: once the CA is back, the engine
 * sends what the latest configuration requires, once, and nothing that only an older one needed.
 */
describe('lifecycle against the lab CA: the latest action wins after failed updates', () => {
  let h: Harness | undefined;
  let scheduler: LifecycleScheduler;
  const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
  const record = () => h!.life.store.certificateRecords.list()[0];
  const current = () => h!.life.store.certificates.current(record().id)!;
  const transactionsSince = (at: number) => h!.life.store.transactions.history(record().id, 1000).filter((t) => Date.parse(t.startedAt) > at);
  const lastTransaction = () => h!.life.store.transactions.history(record().id, 1)[0];
  const confirmedAtCa = () => h!.lab.admin.certificates().filter((c) => c.confirmed);

  /** Ticks every processing interval until the record holds a certificate other than `than`; the CA is up again. */
  async function tickUntilReplaced(than: string): Promise<void> {
    for (let i = 0; i < 200 && current().id === than; i++) {
      advance(5 * minute);
      await scheduler.runOnce();
    }
    expect(current().id).not.toBe(than);
  }

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2027, 2, 1, 12, 0));
    h = await startHarness({ records: 1, validitySeconds: 30 * 86_400, renewBeforeExpiryDays: 5, clock: dateClock(advance) });
    scheduler = new LifecycleScheduler(h.life.engine);
    await scheduler.runOnce();
    expect(lastTransaction()).toMatchObject({ type: 'ir', state: 'completed' });
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    vi.useRealTimers();
  });

  it('a KUR failing while the CA is down, then a subject change: IR with the new subject and the new key, no stale KUR', async () => {
    const { store } = h!.life;
    const enrolled = current();
    h!.setKnobs({ httpFailure: 'status-500' });
    store.certificateRecords.save({ ...record(), keyAlgorithm: 'ecdsa-p384' });
    advance(minute);
    await scheduler.runOnce();
    expect(lastTransaction()).toMatchObject({ type: 'kur', trigger: 'key-spec-changed', state: 'failed' });
    expect(store.lifecycle.recordState(record().id)?.failures).toBe(1);

    store.certificateRecords.save({ ...record(), subject: { ...record().subject, organizationalUnit: 'Failover Ops' } });
    // While the CA is still down, the retries already ask for what the latest change needs.
    await tickUntil(() => lastTransaction().type === 'ir');
    expect(lastTransaction()).toMatchObject({ type: 'ir', trigger: 'subject-changed', state: 'failed' });

    h!.setKnobs({});
    const back = Date.now();
    await tickUntilReplaced(enrolled.id);
    expect(transactionsSince(back).map((t) => [t.type, t.trigger, t.state])).toEqual([['ir', 'subject-changed', 'completed']]);
    const issued = new X509Certificate(Buffer.from(current().certificateDer, 'base64'));
    expect(issued.subject).toContain('OU=Failover Ops');
    expect(issued.publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    expect(current().origin).toBe('ir');
    // At the CA: the first certificate and the one the latest configuration asked for, nothing in between.
    expect(confirmedAtCa().map((c) => c.serialHex.toLowerCase())).toEqual([enrolled.serialNumber, current().serialNumber]);

    // Nothing is left over: no KUR for the key change the IR already carried.
    for (let i = 0; i < 3; i++) {
      advance(5 * minute);
      expect((await scheduler.runOnce()).started).toBe(0);
    }
    expect(h!.life.engine.plan()[0].decision.action.kind).toBe('nothing');
    expect(store.lifecycle.recordState(record().id)?.failures ?? 0).toBe(0);
  });

  it('an IR failing while the CA is down, then renew-before-expiry reaching the old certificate: only the IR is sent once the CA is back', async () => {
    const { store } = h!.life;
    const enrolled = current();
    h!.setKnobs({ httpFailure: 'status-500' });
    store.certificateRecords.save({ ...record(), subject: { ...record().subject, locality: 'Berlin' } });
    advance(minute);
    await scheduler.runOnce();
    expect(lastTransaction()).toMatchObject({ type: 'ir', trigger: 'subject-changed', state: 'failed' });

    const profile = store.config.cmpProfiles.list()[0];
    // 29 of the certificate's 30 days: the enrolled certificate is now inside its renewal period.
    store.config.cmpProfiles.save({ ...profile, renewBeforeExpiryDays: 29 });
    advance(day);
    expect(h!.life.engine.plan()[0].decision.action).toMatchObject({ kind: 'enroll', type: 'ir', trigger: 'subject-changed' });
    await scheduler.runOnce();
    expect(lastTransaction()).toMatchObject({ type: 'ir', state: 'failed' });
    expect(store.transactions.history(record().id, 1000).filter((t) => t.type === 'kur')).toEqual([]);

    h!.setKnobs({});
    const back = Date.now();
    await tickUntilReplaced(enrolled.id);
    expect(transactionsSince(back).map((t) => [t.type, t.trigger, t.state])).toEqual([['ir', 'subject-changed', 'completed']]);
    expect(new X509Certificate(Buffer.from(current().certificateDer, 'base64')).subject).toContain('L=Berlin');
    expect(confirmedAtCa()).toHaveLength(2);
    advance(5 * minute);
    expect((await scheduler.runOnce()).started).toBe(0);
    expect(h!.life.engine.plan()[0].decision.action.kind).toBe('nothing');
  });

  async function tickUntil(done: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !done(); i++) {
      advance(5 * minute);
      await scheduler.runOnce();
    }
    expect(done()).toBe(true);
  }
});
