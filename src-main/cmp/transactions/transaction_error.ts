import type { TransactionSnapshot } from './transaction_snapshot';
import type { TransactionState } from './transaction_state';

export type TransactionErrorCode =
  | 'rejected'
  | 'protocol'
  | 'protection'
  | 'decode'
  | 'transport'
  | 'timeout'
  | 'aborted'
  | 'polling-exhausted'
  | 'not-resumable';

/** Why a transaction ended, in which state, with the snapshot to journal. `cause` holds the typed detail. */
export class CmpTransactionError extends Error {
  override readonly name = 'CmpTransactionError';

  constructor(
    readonly code: TransactionErrorCode,
    message: string,
    /** The state the transaction was in when it failed. */
    readonly failedIn: TransactionState,
    readonly snapshot: TransactionSnapshot,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
