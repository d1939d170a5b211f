import type { TransactionState } from './transaction_state';

export type TransactionKind = 'ir' | 'cr' | 'kur' | 'p10cr' | 'genm' | 'rr';

/**
 * Everything needed to journal a transaction and resume it after a restart, as plain JSON:
 * byte strings are lower-case hex, times ISO 8601.
 */
export interface TransactionSnapshot {
  kind: TransactionKind;
  state: TransactionState;
  transactionId: string;
  /** Our senderNonce of the last message sent. */
  lastSenderNonce?: string;
  /** The server's senderNonce of the last message received: our next recipNonce. */
  lastRecipNonce?: string;
  certReqId: number;
  startedAt: string;
  /** When the next pollReq is due (state waiting). */
  nextPollAt?: string;
  pollAttempts: number;
  /** Why the transaction ended in rejected or failed. */
  error?: { code: string; message: string };
}

export const toHex = (bytes: Uint8Array | ArrayBuffer): string => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');

export function fromHex(text: string, what: string): Uint8Array {
  if (!/^([0-9a-f]{2})+$/.test(text)) throw new TypeError(`${what} in the transaction snapshot is not hex`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}
