import { finalTransactionStates, parseDomain, transactionSchema, type Transaction } from '../../src-shared/domain';
import type { Connection } from './database';
import { ObjectNotFoundError, withConstraints } from './errors';

/** What a step of a CMP exchange may change; identity, type and start time never change. */
export type TransactionProgress = Partial<
  Pick<Transaction, 'state' | 'senderNonce' | 'recipNonce' | 'serverId' | 'nextPollAt' | 'attempts' | 'lastError' | 'pendingPrivateKeyId' | 'requestDer'>
>;

/** A transaction that already ended was asked to change. */
export class TransactionClosedError extends Error {
  readonly name = 'TransactionClosedError';
  constructor(
    readonly transaction: Transaction,
    readonly attempted: TransactionProgress,
  ) {
    super(`Transaction ${transaction.transactionId} (${transaction.type} for record ${transaction.recordId}) has ended as "${transaction.state}" and cannot change any more`);
  }
}

/** How many ended transactions per record are kept for the history view (reference/002: the last 100). */
export const transactionHistoryLength = 100;

/**
 * The journal of CMP exchanges. Every step is committed (synchronous=FULL) before the next
 * message goes out, so after a crash or restart `open()` lists exactly what to resume.
 */
export class TransactionsJournal {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Journals a new transaction. A record with a transaction in progress gets StoreConstraintError. */
  begin(transaction: Transaction): Transaction {
    const next = parseDomain(transactionSchema, transaction, 'transaction');
    withConstraints('transaction', next.id, () =>
      this.connection
        .prepare(
          `INSERT INTO transactions (id, record_id, type, trigger, state, transaction_id, sender_nonce, recip_nonce, server_id, next_poll_at, attempts, last_error, pending_private_key_id, request_der, started_at, updated_at)
           VALUES (@id, @recordId, @type, @trigger, @state, @transactionId, @senderNonce, @recipNonce, @serverId, @nextPollAt, @attempts, @lastError, @pendingPrivateKeyId, @requestDer, @startedAt, @updatedAt)`,
        )
        .run(toParams(next)),
    );
    return next;
  }

  /** Records one step; refuses to touch a transaction that has ended. */
  update(id: string, progress: TransactionProgress): Transaction {
    return withConstraints('transaction', id, () =>
      this.connection.transaction(() => {
        const current = this.get(id);
        if (current === null) throw new ObjectNotFoundError('transaction', id);
        if (finalTransactionStates.includes(current.state)) throw new TransactionClosedError(current, progress);
        const next = parseDomain(transactionSchema, { ...current, ...progress, updatedAt: this.now().toISOString() }, 'transaction');
        this.connection
          .prepare(
            `UPDATE transactions SET state = @state, sender_nonce = @senderNonce, recip_nonce = @recipNonce, server_id = @serverId, next_poll_at = @nextPollAt,
             attempts = @attempts, last_error = @lastError, pending_private_key_id = @pendingPrivateKeyId, request_der = @requestDer, updated_at = @updatedAt WHERE id = @id`,
          )
          .run(toParams(next));
        return next;
      })(),
    );
  }

  /** Ends the record's open transaction as "superseded" and journals its replacement, atomically (a new KUR supplants an IR). */
  supersede(oldId: string, replacement: Transaction): Transaction {
    return this.connection.transaction(() => {
      this.update(oldId, { state: 'superseded', nextPollAt: null });
      return this.begin(replacement);
    })();
  }

  get(id: string): Transaction | null {
    const row = this.connection.prepare('SELECT * FROM transactions WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row === undefined ? null : toTransaction(row);
  }

  /** Transactions still in progress, oldest first: what a restart resumes. */
  open(): Transaction[] {
    return (this.connection.prepare(`SELECT * FROM transactions WHERE state NOT IN (${finalStatesSql}) ORDER BY started_at, rowid`).all() as Record<string, unknown>[]).map(toTransaction);
  }

  openForRecord(recordId: string): Transaction | null {
    const row = this.connection.prepare(`SELECT * FROM transactions WHERE record_id = ? AND state NOT IN (${finalStatesSql})`).get(recordId) as Record<string, unknown> | undefined;
    return row === undefined ? null : toTransaction(row);
  }

  /** The record's transactions, newest first, at most `limit`. */
  history(recordId: string, limit = transactionHistoryLength): Transaction[] {
    return (this.connection.prepare('SELECT * FROM transactions WHERE record_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?').all(recordId, limit) as Record<string, unknown>[]).map(
      toTransaction,
    );
  }

  /** Deletes ended transactions beyond the newest `keep` per record; returns how many went. */
  prune(keep = transactionHistoryLength): number {
    return this.connection
      .prepare(
        `DELETE FROM transactions WHERE state IN (${finalStatesSql}) AND id IN (
           SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY record_id ORDER BY started_at DESC, rowid DESC) AS n FROM transactions) WHERE n > ?)`,
      )
      .run(keep).changes;
  }
}

const finalStatesSql = finalTransactionStates.map((s) => `'${s}'`).join(', ');

function toParams(t: Transaction): Record<string, string | number | Buffer | null> {
  return { ...t, requestDer: t.requestDer === null ? null : Buffer.from(t.requestDer, 'base64') };
}

function toTransaction(row: Record<string, unknown>): Transaction {
  return parseDomain(
    transactionSchema,
    {
      id: row.id,
      recordId: row.record_id,
      type: row.type,
      trigger: row.trigger,
      state: row.state,
      transactionId: row.transaction_id,
      senderNonce: row.sender_nonce,
      recipNonce: row.recip_nonce,
      serverId: row.server_id,
      nextPollAt: row.next_poll_at,
      attempts: row.attempts,
      lastError: row.last_error,
      pendingPrivateKeyId: row.pending_private_key_id,
      requestDer: row.request_der === null ? null : (row.request_der as Buffer).toString('base64'),
      startedAt: row.started_at,
      updatedAt: row.updated_at,
    },
    'transaction (stored)',
  );
}
