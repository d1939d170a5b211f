import type { CertificateRefusal } from './certificate_acceptance';
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
  | 'not-resumable'
  /** The journal hook failed, so nothing was sent. */
  | 'journal'
  /** A resumed request was retransmitted and did not get a usable answer: start a new transaction. */
  | 'retransmission-failed'
  /** The certificate was issued, but the CA acknowledged none of our certConfs; the snapshot keeps it. */
  | 'unconfirmed';

/**
 * What became of the error message we sent the server when we abandoned the transaction over its
 * answer: acknowledged (pkiConf came back), sent (the answer to it was unusable) or failed.
 */
export interface ServerNotice {
  failInfo: string[];
  outcome: 'acknowledged' | 'sent' | 'failed';
  problem?: string;
}

/** Why a transaction ended, in which state, with the snapshot to journal. `cause` holds the typed detail. */
export class CmpTransactionError extends Error {
  override readonly name = 'CmpTransactionError';

  constructor(
    readonly code: TransactionErrorCode,
    message: string,
    /** The state the transaction was in when it failed. */
    readonly failedIn: TransactionState,
    readonly snapshot: TransactionSnapshot,
    options?: { cause?: unknown; serverNotice?: ServerNotice; refusal?: CertificateRefusal },
  ) {
    super(message, options);
    this.serverNotice = options?.serverNotice;
    this.refusal = options?.refusal;
  }

  /** Set (code 'rejected') when we refused the issued certificate in certConf: why, and who decided. */
  readonly refusal?: CertificateRefusal;

  /** Set when we told the server with an error message why we abandon the transaction. */
  readonly serverNotice?: ServerNotice;
}
