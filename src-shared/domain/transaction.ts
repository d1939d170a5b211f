import { z } from 'zod';
import { derBase64, objectId, timestamp } from './common';

/** The CMP request kinds a transaction can carry. */
export const transactionType = z.enum(['ir', 'cr', 'kur', 'p10cr', 'rr', 'genm'], { error: 'must be ir, cr, kur, p10cr, rr or genm' });
export type TransactionType = z.infer<typeof transactionType>;

/**
 * The states an administrator sees. queued: waiting for the KUR window to start it; requested:
 * sent, no answer yet; waiting: the CA said "waiting", we poll; confirming: certConf sent, waiting
 * for pkiConf; held: certificate accepted but put into use only at the next KUR window. The rest end it.
 */
export const transactionState = z.enum(['queued', 'requested', 'waiting', 'confirming', 'held', 'completed', 'rejected', 'failed', 'superseded'], {
  error: 'must be queued, requested, waiting, confirming, held, completed, rejected, failed or superseded',
});
export type TransactionState = z.infer<typeof transactionState>;

/** States after which nothing more happens to the transaction. */
export const finalTransactionStates: readonly TransactionState[] = ['completed', 'rejected', 'failed', 'superseded'];

/** Why the transaction was started (reference/000's IR and KUR triggers). */
export const transactionTrigger = z.enum(
  ['no-certificate', 'manual-to-cmp', 'profile-changed', 'subject-changed', 'key-spec-changed', 'renew-before-expiry', 'force-renew', 'revocation'],
  { error: 'must be a known trigger' },
);
export type TransactionTrigger = z.infer<typeof transactionTrigger>;

const hex = (what: string) => z.string().regex(/^([0-9a-f]{2})+$/, { error: `must be ${what} as lowercase hex` });

/** One CMP exchange, journaled so a restart resumes it. */
export const transactionSchema = z.object({
  id: objectId,
  recordId: objectId,
  type: transactionType,
  trigger: transactionTrigger,
  state: transactionState,
  /** RFC 9810 transactionID (16 random octets). */
  transactionId: hex('the transactionID'),
  senderNonce: hex('the last senderNonce we sent'),
  recipNonce: hex('the last senderNonce the server sent').nullable(),
  /** The server of the group that is handling it now. */
  serverId: objectId.nullable(),
  nextPollAt: timestamp.nullable(),
  /** Requests sent so far, pollReqs included. */
  attempts: z.number().int().min(0, { error: 'must not be negative' }),
  lastError: z.string().nullable(),
  /** The encrypted key pair generated for this request, until the certificate takes it over. */
  pendingPrivateKeyId: objectId.nullable(),
  requestDer: derBase64.nullable(),
  startedAt: timestamp,
  updatedAt: timestamp,
});
export type Transaction = z.infer<typeof transactionSchema>;
