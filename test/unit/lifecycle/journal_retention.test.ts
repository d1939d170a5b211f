import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transaction } from '../../../src-shared/domain';
import { journalPruneIntervalMs, LifecycleScheduler, type OpenLifecycle, type TickTimer } from '../../../src-main/lifecycle';
import { transactionHistoryLength } from '../../../src-main/store';
import { certificateRecord, transaction } from '../store/objects';
import { noon } from './policy_fixtures';
import { openQuietLifecycle } from './quiet_lifecycle';

/** A timer the test fires by hand: the scheduler's next tick runs when the test says so. */
function manualTimer(): TickTimer & { fire(): void } {
  let next: (() => void) | null = null;
  return {
    schedule(_ms, fire) {
      next = fire;
      return { cancel: () => (next = null) };
    },
    fire() {
      const pending = next;
      next = null;
      pending?.();
    },
  };
}

describe('the scheduler prunes the transaction journal: at start-up, then daily', () => {
  let life: OpenLifecycle;
  let closeLife: () => void;
  let now: number;
  let started = 0;

  beforeEach(async () => {
    now = noon;
    ({ life, close: closeLife } = await openQuietLifecycle('journal-retention', () => now));
  });
  afterEach(() => closeLife());

  /** Ended transactions of a manual record (nothing for the tick to do), each started a minute after the previous one. */
  function ended(recordId: string, count: number): Transaction[] {
    return Array.from({ length: count }, () => {
      const at = new Date(noon - 365 * 86_400_000 + started++ * 60_000).toISOString();
      const begun = life.store.transactions.begin(transaction(recordId, { startedAt: at, updatedAt: at }));
      return life.store.transactions.update(begun.id, { state: 'completed' });
    });
  }
  const historyOf = (recordId: string) => life.store.transactions.history(recordId, 1_000).map((t) => t.id);

  it('keeps every open transaction and the newest 100 ended ones per record; deletes the older ones', () => {
    const busy = life.store.certificateRecords.save(certificateRecord({ name: 'busy' }));
    const quiet = life.store.certificateRecords.save(certificateRecord({ name: 'quiet' }));
    const busyEnded = ended(busy.id, transactionHistoryLength + 3);
    const quietEnded = ended(quiet.id, 5);
    const open = life.store.transactions.begin(transaction(busy.id, { state: 'waiting', nextPollAt: new Date(now + 3_600_000).toISOString(), startedAt: new Date(noon - 400 * 86_400_000).toISOString() }));

    const timer = manualTimer();
    const scheduler = new LifecycleScheduler(life.engine, timer);
    scheduler.start();

    const newest = busyEnded.slice(3).map((t) => t.id).reverse();
    expect(historyOf(busy.id)).toEqual([...newest, open.id]);
    expect(historyOf(quiet.id)).toEqual(quietEnded.map((t) => t.id).reverse());
    for (const gone of busyEnded.slice(0, 3)) expect(life.store.transactions.get(gone.id)).toBeNull();

    // Later ticks the same day leave the journal alone; the first tick a day later prunes again.
    life.store.transactions.update(open.id, { state: 'failed', nextPollAt: null, lastError: 'cancelled by the administrator' });
    const later = ended(busy.id, 2);
    now += journalPruneIntervalMs - 60_000;
    timer.fire();
    expect(historyOf(busy.id)).toHaveLength(transactionHistoryLength + 3);
    now += 60_000;
    timer.fire();
    expect(historyOf(busy.id)).toEqual([...later.map((t) => t.id).reverse(), ...newest.slice(0, transactionHistoryLength - 2)]);
    scheduler.stop();
  });

  it('prunes at the first runOnce as well (cmp-desk run --once / --until-idle)', async () => {
    const record = life.store.certificateRecords.save(certificateRecord({ name: 'once' }));
    ended(record.id, transactionHistoryLength + 1);
    await new LifecycleScheduler(life.engine, manualTimer()).runOnce();
    expect(historyOf(record.id)).toHaveLength(transactionHistoryLength);
  });
});
