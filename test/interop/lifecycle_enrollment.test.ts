import { afterEach, describe, expect, it } from 'vitest';
import { LifecycleScheduler } from '../../src-main/lifecycle';
import { startHarness, type Harness } from './lifecycle_harness';

const day = 86_400;

describe('lifecycle against the lab CA: first enrollment', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('enrolls every record with IR on the first tick and then has nothing to do', async () => {
    h = await startHarness({ records: 3, validitySeconds: 30 * day, renewBeforeExpiryDays: 5 });
    const scheduler = new LifecycleScheduler(h.life.engine);
    const first = await scheduler.runOnce();
    expect(first.decisions.map((d) => d.decision.action)).toEqual(Array(3).fill({ kind: 'enroll', type: 'ir', trigger: 'no-certificate' }));
    for (const record of h.life.store.certificateRecords.list()) {
      const current = h.life.store.certificates.current(record.id);
      expect(current?.origin).toBe('ir');
      expect(h.life.store.transactions.history(record.id)[0].state).toBe('completed');
      expect(h.life.store.statistics.list(record.id)).toContainEqual(expect.objectContaining({ messageType: 'ir', outcome: 'accepted', count: 1 }));
    }
    const second = await scheduler.runOnce();
    expect(second.started).toBe(0);
    const confirmed = h.lab.admin.certificates().filter((c) => c.state === 'issued');
    expect(confirmed).toHaveLength(3);
  });

  it('fails over to the next server of the group when the first refuses connections', async () => {
    h = await startHarness({ records: 2, validitySeconds: 30 * day, renewBeforeExpiryDays: 5, deadServerFirst: true });
    await new LifecycleScheduler(h.life.engine).runOnce();
    const servers = h.life.store.config.cmpServers.list();
    for (const record of h.life.store.certificateRecords.list()) {
      expect(h.life.store.certificates.current(record.id)).not.toBeNull();
      const transaction = h.life.store.transactions.history(record.id)[0];
      expect(servers.find((s) => s.id === transaction.serverId)?.name).toBe('lab-ca-2');
    }
  });
});
