import type { VerifyingDigest } from '../pki/signature_algorithms';
import type { CmpReply } from './cmp_service';
import type { CmpRequestKind } from './cmp_request_kinds';
import type { VerifiedSender } from './cmp_protection_policy';
import type { CertificateWish } from './certificate_wishes';

/** A certificate sent to the client and waiting for its certConf. */
export interface DeliveredCertificate {
  certReqId: number;
  serialHex: string;
  der: Uint8Array;
  signatureDigest: VerifyingDigest;
}

/**
 * One open certificate transaction (RFC 9810 5.3.18-5.3.22): from ir/cr/kur/p10cr until the
 * certConf (or, with `waiting`, through the pollReq rounds first).
 */
export interface OpenTransaction {
  transactionIdHex: string;
  path: string;
  kind: CmpRequestKind;
  /** Who opened it; certConf and pollReq must come from the same sender, protected the same way. */
  requester: VerifiedSender;
  /** The senderNonce of our last response: the next request must carry it as recipNonce. */
  lastSenderNonce: Uint8Array;
  /** pollReq rounds still to answer with pollRep before the certificate is delivered. */
  pollsLeft: number;
  /** What to issue when polling ends (empty once delivered). */
  pending: CertificateWish[];
  delivered: DeliveredCertificate[];
  implicitConfirm: boolean;
  /** Forgotten after this time (ms since epoch); an abandoned transaction must not pile up. */
  expiresAt: number;
  /** The last pollReq answered and its answer, so a retransmission of it is answered again. */
  lastPoll?: AnsweredPoll;
}

/**
 * A pollReq as it identifies itself (its nonces and protection bits, which cover header and body)
 * and the reply it got. A client that lost our answer retransmits the pollReq byte for byte; its
 * recipNonce is then our previous senderNonce, not our last one.
 */
export interface AnsweredPoll {
  senderNonce: Uint8Array;
  recipNonce: Uint8Array;
  protection: Uint8Array;
  reply: CmpReply;
}

/** How long the CA waits, from the request that opened a transaction, for its last message (certConf, pollReq); default 10 min. */
export const defaultTransactionLifetimeMs = 10 * 60 * 1000;
const maxOpenTransactions = 10_000;

/** The open transactions of one lab CA, keyed by transactionID (hex). */
export class OpenTransactions {
  constructor(readonly lifetimeMs = defaultTransactionLifetimeMs) {
    if (!Number.isFinite(lifetimeMs) || lifetimeMs <= 0) throw new RangeError(`the transaction lifetime must be a positive number of milliseconds, not ${lifetimeMs}`);
  }

  private readonly byId = new Map<string, OpenTransaction>();
  /** transactionIDs already finished, so a replayed ir with an old ID is refused (transactionIdInUse). */
  private readonly finished = new Set<string>();

  get(transactionIdHex: string, now = Date.now()): OpenTransaction | undefined {
    this.expire(now);
    return this.byId.get(transactionIdHex);
  }

  isKnown(transactionIdHex: string): boolean {
    return this.byId.has(transactionIdHex) || this.finished.has(transactionIdHex);
  }

  open(transaction: OpenTransaction): void {
    this.expire(Date.now());
    this.byId.set(transaction.transactionIdHex, transaction);
  }

  finish(transactionIdHex: string): void {
    this.byId.delete(transactionIdHex);
    this.finished.add(transactionIdHex);
    if (this.finished.size > maxOpenTransactions) {
      const oldest = this.finished.values().next().value as string;
      this.finished.delete(oldest);
    }
  }

  /** Transactions whose certificates were delivered but never confirmed, once they expire. */
  private expire(now: number): void {
    for (const [id, transaction] of this.byId) {
      if (transaction.expiresAt < now) this.finish(id);
    }
    while (this.byId.size > maxOpenTransactions) {
      const oldest = this.byId.keys().next().value as string;
      this.finish(oldest);
    }
  }
}
