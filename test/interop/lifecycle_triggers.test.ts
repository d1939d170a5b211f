import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LifecycleScheduler } from '../../src-main/lifecycle';
import { dateClock, presentInTlsProfile, setGlobalConfig, startHarness, type Harness, type HarnessOptions } from './lifecycle_harness';

const minute = 60_000;
const day = 86_400_000;

describe('lifecycle against the lab CA: triggers, window, polling, acceptance, expiry', () => {
  let h: Harness | undefined;
  let scheduler: LifecycleScheduler;
  const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
  const start = async (options: Partial<HarnessOptions> = {}) => {
    h = await startHarness({ records: 1, validitySeconds: 30 * 86_400, renewBeforeExpiryDays: 5, clock: dateClock(advance), ...options });
    scheduler = new LifecycleScheduler(h.life.engine);
    return h;
  };
  const record = () => h!.life.store.certificateRecords.list()[0];
  const lastTransaction = () => h!.life.store.transactions.history(record().id, 1)[0];
  const current = () => h!.life.store.certificates.current(record().id);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2027, 2, 1, 12, 0));
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    vi.useRealTimers();
  });

  it('sends IR for a subject, profile or manual->CMP change and KUR for a key, SAN, usage or digest change', async () => {
    const { store } = (await start()).life;
    await scheduler.runOnce();
    const changes: [string, () => void, string, string][] = [
      ['subject', () => store.certificateRecords.save({ ...record(), subject: { ...record().subject, organizationalUnit: 'Ops' } }), 'ir', 'subject-changed'],
      ['digest', () => store.certificateRecords.save({ ...record(), digest: 'sha384' }), 'kur', 'key-spec-changed'],
      ['key algorithm', () => store.certificateRecords.save({ ...record(), keyAlgorithm: 'ecdsa-p384' }), 'kur', 'key-spec-changed'],
      ['SAN', () => store.certificateRecords.save({ ...record(), subjectAltNames: [{ type: 'dns', value: 'other.cmp-desk.test' }] }), 'kur', 'key-spec-changed'],
      ['EKU', () => store.certificateRecords.save({ ...record(), extendedKeyUsage: ['clientAuth'] }), 'kur', 'key-spec-changed'],
      [
        'profile',
        () => {
          const profile = store.config.cmpProfiles.list()[0];
          const copy = store.config.cmpProfiles.save({ ...profile, id: crypto.randomUUID(), name: 'lab-2' });
          void h!.life.iaks.set(copy.id, new Uint8Array(Buffer.from('lab-initial-authentication-key')));
          store.certificateRecords.save({ ...record(), cmpProfileId: copy.id });
        },
        'ir',
        'profile-changed',
      ],
    ];
    for (const [what, change, type, trigger] of changes) {
      change();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await scheduler.runOnce();
      expect({ what, type: lastTransaction().type, trigger: lastTransaction().trigger, state: lastTransaction().state }).toEqual({ what, type, trigger, state: 'completed' });
      expect(current()?.origin).toBe(type);
      expect((await scheduler.runOnce()).started).toBe(0);
    }
    const cert = current()!;
    store.certificateRecords.save({ ...record(), managedBy: 'manual' });
    store.certificates.putIntoUse({ ...cert, id: crypto.randomUUID(), origin: 'import', obtainedAt: new Date().toISOString() });
    expect((await scheduler.runOnce()).started).toBe(0);
    store.certificateRecords.save({ ...record(), managedBy: 'cmp' });
    await scheduler.runOnce();
    expect(lastTransaction()).toMatchObject({ type: 'ir', trigger: 'manual-to-cmp', state: 'completed' });
  });

  it('batches a KUR outside the window, force-renews at once with apply-now or holds the result for the window', async () => {
    const { store, engine } = (await start()).life;
    setGlobalConfig(h!, { kurWindowStart: '02:00', kurWindowEnd: '04:00' });
    await scheduler.runOnce();
    store.certificateRecords.save({ ...record(), digest: 'sha512' });
    const report = await scheduler.runOnce();
    expect(report.decisions[0].decision.action).toMatchObject({ kind: 'batch', trigger: 'key-spec-changed' });
    expect(lastTransaction().type).toBe('ir');

    const before = current()!;
    await engine.forceRenew(record().id, { applyNow: false });
    expect(lastTransaction()).toMatchObject({ type: 'kur', trigger: 'force-renew', state: 'held' });
    expect(current()!.id).toBe(before.id);
    vi.setSystemTime(new Date(2027, 2, 2, 2, 5));
    await scheduler.runOnce();
    expect(lastTransaction().state).toBe('completed');
    expect(current()!.id).not.toBe(before.id);
    expect(store.certificates.get(before.id)?.status).toBe('deleted');

    vi.setSystemTime(new Date(2027, 2, 2, 13, 0));
    const second = current()!;
    await engine.forceRenew(record().id, { applyNow: true });
    expect(lastTransaction()).toMatchObject({ type: 'kur', trigger: 'force-renew', state: 'completed' });
    expect(current()!.id).not.toBe(second.id);
  });

  it('finishes a KUR started inside the window after it closes, and holds its certificate for the next window', async () => {
    const { store } = (await start()).life;
    setGlobalConfig(h!, { kurWindowStart: '02:00', kurWindowEnd: '04:00' });
    await scheduler.runOnce();
    const before = current()!;
    vi.setSystemTime(new Date(2027, 2, 2, 3, 58, 30));
    h!.setKnobs({ appliesTo: ['kur', 'pollReq'], waitingCount: 3, checkAfterSeconds: 90 });
    store.certificateRecords.save({ ...record(), digest: 'sha384' });
    await scheduler.runOnce();
    expect([new Date().getHours(), lastTransaction().state, lastTransaction().lastError]).toEqual([4, 'held', null]);
    expect(lastTransaction()).toMatchObject({ type: 'kur', state: 'held' });
    expect(current()!.id).toBe(before.id);
    vi.setSystemTime(new Date(2027, 2, 2, 12, 0));
    expect((await scheduler.runOnce()).decisions[0].decision.action).toMatchObject({ kind: 'hold' });
    vi.setSystemTime(new Date(2027, 2, 3, 2, 0));
    await scheduler.runOnce();
    expect(lastTransaction().state).toBe('completed');
    expect(current()!.origin).toBe('kur');
  });

  it('polls with checkAfter, stops after the polling retry count, and resumes at the next tick with the same transactionID', async () => {
    await start({ knobs: { waitingCount: 6, checkAfterSeconds: 30 } });
    await scheduler.runOnce();
    const waiting = lastTransaction();
    expect(waiting.state).toBe('waiting');
    expect(waiting.attempts).toBe(4);
    expect(current()).toBeNull();
    advance(5 * minute);
    await scheduler.runOnce();
    const done = lastTransaction();
    expect(done).toMatchObject({ id: waiting.id, transactionId: waiting.transactionId, state: 'completed' });
    expect(current()?.origin).toBe('ir');
    expect(h!.life.store.statistics.list(record().id)).toContainEqual(expect.objectContaining({ messageType: 'ir', outcome: 'waiting' }));
  });

  it('rejects a certificate valid shorter than renew-before-expiry in certConf and retries: IR at the next tick, KUR after 1 h + tick', async () => {
    await start({ knobs: { shortValiditySeconds: 3600 } });
    await scheduler.runOnce();
    expect(lastTransaction().state).toBe('rejected');
    expect(current()).toBeNull();
    expect(h!.lab.admin.certificates().map((c) => c.state)).toEqual(['revoked']);
    const retry = h!.life.store.lifecycle.recordState(record().id)!;
    expect(Date.parse(retry.retryAt!) - Date.now()).toBe(5 * minute);
    h!.setKnobs({});
    advance(5 * minute);
    await scheduler.runOnce();
    expect(current()?.origin).toBe('ir');

    h!.setKnobs({ shortValiditySeconds: 3600 });
    h!.life.store.certificateRecords.save({ ...record(), digest: 'sha384' });
    await scheduler.runOnce();
    expect(lastTransaction()).toMatchObject({ type: 'kur', state: 'rejected' });
    const kurRetry = h!.life.store.lifecycle.recordState(record().id)!;
    expect(Date.parse(kurRetry.retryAt!) - Date.now()).toBe(65 * minute);
  });

  it('retries with backoff while the CA is down, deletes the expired CMP certificate with its TLS reference, never a manual one', async () => {
    const { store } = (await start({ validitySeconds: 2 * 86_400, renewBeforeExpiryDays: 1 })).life;
    setGlobalConfig(h!, { processingIntervalMinutes: 30 });
    await scheduler.runOnce();
    const issued = current()!;
    const manual = store.certificateRecords.save({ ...record(), id: crypto.randomUUID(), name: 'manual', managedBy: 'manual', cmpProfileId: null });
    store.certificates.putIntoUse({ ...issued, id: crypto.randomUUID(), recordId: manual.id, origin: 'import', privateKeyId: null });
    const tlsProfileId = presentInTlsProfile(h!, record().id);
    h!.setKnobs({ httpFailure: 'status-500' });
    const end = Date.now() + 3 * day;
    while (Date.now() < end) {
      advance(30 * minute);
      await scheduler.runOnce();
    }
    const attempts = store.transactions.history(record().id, 1000).filter((t) => t.type === 'kur');
    expect(attempts.length).toBeGreaterThan(5);
    expect(attempts.every((t) => t.state === 'failed')).toBe(true);
    expect(store.certificates.get(issued.id)?.status).toBe('deleted');
    expect(store.config.tlsProfiles.get(tlsProfileId)).toMatchObject({ mutualAuthentication: false, clientCertificateRecordId: null });
    expect(h!.notifications.map((n) => n.kind)).toContain('certificate-deleted');
    expect(h!.notifications.map((n) => n.kind)).toContain('expiry-warning');
    expect(store.certificates.current(manual.id)?.status).toBe('current');
    expect(store.statistics.list(record().id)).toContainEqual(expect.objectContaining({ messageType: 'kur', outcome: 'error' }));
  });
});
