import type { Clock } from '../cmp/transactions';
import { transactionHistoryLength, type TransactionsJournal } from '../store';

/** How often ended transactions beyond the kept history are deleted. */
export const journalPruneIntervalMs = 86_400_000;

/**
 * Keeps the transaction journal to what an administrator needs: every open transaction (a restart
 * resumes it) and the last 100 ended ones per record (the history view; reference/002 "show cmp
 * history" shows the last 100 transactions). Older ended rows, with their request parameters and
 * snapshots, would otherwise grow the database with every renewal for as long as it is used.
 */
export class JournalRetention {
  private lastPrunedAt: number | null = null;

  constructor(
    private readonly journal: Pick<TransactionsJournal, 'prune'>,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** Prunes at the first call (start-up), then once a day; returns how many transactions went, null when not due. */
  pruneIfDue(): number | null {
    const now = this.clock.now();
    if (this.lastPrunedAt !== null && now >= this.lastPrunedAt && now - this.lastPrunedAt < journalPruneIntervalMs) return null;
    this.lastPrunedAt = now;
    return this.journal.prune(transactionHistoryLength);
  }
}
