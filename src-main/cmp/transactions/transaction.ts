import { CmpDecodeError } from '../asn1/der_limits';
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { decodePkiMessage } from '../asn1/decode';
import { pkiBodyType, type PKIBodyType } from '../asn1/pki_body';
import type { PKIMessage } from '../asn1/pki_message';
import type { HeaderOptions } from '../messages/header';
import { randomOctets } from '../messages/random_octets';
import { buildError } from '../messages/other_requests';
import { protectAndEncode } from '../protection/protect';
import type { Protector } from '../protection/protectors';
import { CmpProtectionError } from '../protection/protection_error';
import { TransportError } from '../transport';
import { CmpProtocolError } from '../validation/cmp_protocol_error';
import { failInfoToReport } from '../validation/failure_report';
import { validateResponse, type ValidatedResponse } from '../validation/response_validator';
import { systemClock, type Clock } from './clock';
import { DEFAULT_MESSAGE_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS, type CmpSession } from './cmp_session';
import { CmpSnapshotError } from './snapshot_error';
import { CmpTransactionError, type ServerNotice, type TransactionErrorCode } from './transaction_error';
import type { TransactionEvent } from './transaction_events';
import {
  fromBase64, parseTransactionSnapshot, toBase64, TRANSACTION_SNAPSHOT_VERSION, type IssuedSnapshot, type LastRequestSnapshot, type TransactionKind,
  type TransactionSnapshot,
} from './transaction_snapshot';
import { assertTransition, type TransactionState } from './transaction_state';

/** Extra header content a request of this transaction carries. */
export type HeaderExtras = Pick<HeaderOptions, 'implicitConfirm' | 'certProfile' | 'pvno'>;

/** A protected message ready for the wire, with the senderNonce its answer must echo. */
export interface OutgoingMessage {
  type: PKIBodyType;
  der: Uint8Array;
  senderNonce: Uint8Array;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/**
 * What every CMP transaction shares: one transactionID, nonce chaining, protection, timeouts,
 * cancellation, the state machine, progress events, the write-ahead journal and the snapshot.
 */
export abstract class Transaction {
  protected readonly session: CmpSession;
  protected readonly clock: Clock;
  protected current: TransactionState = 'preparing';
  protected readonly transactionID: Uint8Array;
  protected lastSenderNonce?: Uint8Array;
  protected lastRecipNonce?: Uint8Array;
  protected readonly startedAt: number;
  protected nextPollAt?: number;
  protected pollAttempts = 0;
  protected certReqId = 0;
  /** The last message put on the wire, exactly as sent. */
  protected lastRequest?: LastRequestSnapshot;
  /** From `received` on: the certificate to confirm or refuse (enrollment only). */
  protected issuedSnapshot?: IssuedSnapshot;
  /** The state a resumed transaction was journaled in; undefined for a new one. */
  protected readonly resumedFrom?: TransactionState;
  private failure?: { code: string; message: string };
  /** The senderNonce of the last answer that decoded, checked or not: the recipNonce of an error report. */
  private lastAnswerNonce?: Uint8Array;
  /** The protectionAlg (salt included) of this transaction's first MAC-protected message. */
  private macAlgorithm?: AlgorithmIdentifier;

  /** @throws CmpSnapshotError when `resumeFrom` is not a valid snapshot of this kind. */
  protected constructor(
    readonly kind: TransactionKind,
    session: CmpSession,
    resumeFrom?: unknown,
  ) {
    this.session = session;
    this.clock = session.clock ?? systemClock;
    this.startedAt = this.clock.now();
    if (resumeFrom === undefined) {
      this.transactionID = randomOctets();
      return;
    }
    const snapshot = parseTransactionSnapshot(resumeFrom);
    if (snapshot.kind !== kind) throw new CmpSnapshotError(`is a ${snapshot.kind} transaction, not ${kind}`, 'kind');
    this.transactionID = fromBase64(snapshot.transactionId);
    this.lastSenderNonce = snapshot.lastSenderNonce ? fromBase64(snapshot.lastSenderNonce) : undefined;
    this.lastRecipNonce = snapshot.lastRecipNonce ? fromBase64(snapshot.lastRecipNonce) : undefined;
    this.current = snapshot.state;
    this.resumedFrom = snapshot.state;
    this.certReqId = snapshot.certReqId;
    this.nextPollAt = snapshot.nextPollAt ? Date.parse(snapshot.nextPollAt) : undefined;
    this.lastRequest = snapshot.lastRequest;
    this.issuedSnapshot = snapshot.issued;
  }

  get state(): TransactionState {
    return this.current;
  }

  get snapshot(): TransactionSnapshot {
    return {
      version: TRANSACTION_SNAPSHOT_VERSION,
      kind: this.kind,
      state: this.current,
      transactionId: toBase64(this.transactionID),
      lastSenderNonce: this.lastSenderNonce ? toBase64(this.lastSenderNonce) : undefined,
      lastRecipNonce: this.lastRecipNonce ? toBase64(this.lastRecipNonce) : undefined,
      certReqId: this.certReqId,
      startedAt: new Date(this.startedAt).toISOString(),
      nextPollAt: this.nextPollAt === undefined ? undefined : new Date(this.nextPollAt).toISOString(),
      pollAttempts: this.pollAttempts,
      lastRequest: this.lastRequest ? { ...this.lastRequest } : undefined,
      issued: this.issuedSnapshot,
      error: this.failure,
    };
  }

  protected emit(event: TransactionEvent): void {
    this.session.onProgress?.(event);
  }

  protected moveTo(state: TransactionState): void {
    assertTransition(this.current, state);
    this.current = state;
    if (state !== 'waiting') this.nextPollAt = undefined;
    this.emit({ type: 'state', state, at: new Date(this.clock.now()) });
  }

  /** Hands the current snapshot to the journal and waits until it is stored. */
  protected async checkpoint(): Promise<void> {
    if (!this.session.journal) return;
    try {
      await this.session.journal(this.snapshot);
    } catch (error) {
      throw new CmpTransactionError('journal', `the transaction journal could not store the ${this.current} snapshot: ${error instanceof Error ? error.message : String(error)}`, this.current, this.snapshot, { cause: error });
    }
  }

  protected remainingMs(): number {
    return this.startedAt + (this.session.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS) - this.clock.now();
  }

  /** Builds and protects a message with a fresh senderNonce and the chained recipNonce. */
  protected prepare(type: PKIBodyType, build: (header: HeaderOptions) => PKIMessage, extras: HeaderExtras = {}): OutgoingMessage {
    const senderNonce = randomOctets();
    const message = build({
      sender: this.session.sender,
      recipient: this.session.recipient,
      transactionID: this.transactionID,
      senderNonce,
      recipNonce: this.lastRecipNonce,
      messageTime: new Date(this.clock.now()),
      ...extras,
    });
    const der = protectAndEncode(message, this.protector());
    if (this.session.protector.kind !== 'signature') this.macAlgorithm ??= message.header.protectionAlg;
    return { type, der, senderNonce };
  }

  /** The session's protector; a MAC one keeps the transaction's first salt, so its key is derived once. */
  private protector(): Protector {
    const protector = this.session.protector;
    return protector.kind === 'signature' || protector.protectionAlg || !this.macAlgorithm ? protector : { ...protector, protectionAlg: this.macAlgorithm };
  }

  /** One round trip with a freshly built message. */
  protected async exchange(type: PKIBodyType, build: (header: HeaderOptions) => PKIMessage, extras: HeaderExtras = {}, expectedTypes?: PKIBodyType[]): Promise<ValidatedResponse> {
    return this.transmit(this.prepare(type, build, extras), { expectedTypes });
  }

  /**
   * Journals, sends, decodes and validates. With `retransmission` the bytes are the ones a
   * previous process already sent; the journal records that before they go out again, so no
   * number of crashes makes us send them a third time.
   */
  protected async transmit(outgoing: OutgoingMessage, options: { expectedTypes?: PKIBodyType[]; retransmission?: boolean } = {}): Promise<ValidatedResponse> {
    const remaining = this.remainingMs();
    if (remaining <= 0) throw this.timeoutError();
    this.lastSenderNonce = outgoing.senderNonce;
    this.lastRequest = { type: outgoing.type, der: toBase64(outgoing.der), retransmitted: options.retransmission === true };
    await this.checkpoint();
    this.emit({ type: 'message-sent', messageType: outgoing.type, at: new Date(this.clock.now()), ...(options.retransmission ? { retransmission: true } : {}) });
    const timeoutMs = Math.min(this.session.messageTimeoutMs ?? DEFAULT_MESSAGE_TIMEOUT_MS, remaining);
    const responseBytes = await this.session.transport.send(outgoing.der, { signal: this.session.signal, timeoutMs });
    const response = decodePkiMessage(responseBytes, this.session.decodeLimits);
    this.lastAnswerNonce = response.header.senderNonce ? new Uint8Array(response.header.senderNonce) : undefined;
    const validated = validateResponse(response, { type: outgoing.type, transactionID: this.transactionID, senderNonce: outgoing.senderNonce }, this.session.trust, {
      expectedTypes: options.expectedTypes,
      now: new Date(this.clock.now()),
    });
    this.lastRecipNonce = new Uint8Array(response.header.senderNonce!);
    this.emit({ type: 'message-received', messageType: pkiBodyType(response.body), protection: validated.protection, at: new Date(this.clock.now()) });
    return validated;
  }

  /** The last request as it went on the wire, for a byte-identical retransmission. */
  protected lastOutgoing(): OutgoingMessage | undefined {
    if (!this.lastRequest || !this.lastSenderNonce) return undefined;
    return { type: this.lastRequest.type, der: fromBase64(this.lastRequest.der), senderNonce: this.lastSenderNonce };
  }

  /**
   * Ends the transaction like fail(), but first tells the server why when its answer broke the
   * rules and it is still a peer worth telling (RFC 9810 5.3.21, RFC 9483 3.6.4): a protected
   * error message with status rejection and the matching failInfo, best effort. The original
   * error is what the caller gets; what became of the report travels along as serverNotice.
   */
  protected async abandon(error: unknown): Promise<CmpTransactionError> {
    const failInfo = failInfoToReport(error);
    const serverNotice = failInfo ? await this.tellServer(failInfo, error instanceof Error ? error.message : String(error)) : undefined;
    return this.fail(error, serverNotice);
  }

  private async tellServer(failInfo: NonNullable<ReturnType<typeof failInfoToReport>>, text: string): Promise<ServerNotice> {
    const notice = (outcome: ServerNotice['outcome'], problem?: string): ServerNotice => ({ failInfo: [failInfo], outcome, problem });
    const remaining = this.remainingMs();
    if (this.session.signal?.aborted || remaining <= 0) return notice('failed', 'no time left to send the error message');
    try {
      const recipNonce = this.lastAnswerNonce ?? this.lastRecipNonce;
      const outgoing = this.prepare('error', (header) => buildError({ ...header, recipNonce }, { failInfo: [failInfo], text }));
      this.emit({ type: 'message-sent', messageType: 'error', at: new Date(this.clock.now()) });
      const timeoutMs = Math.min(this.session.messageTimeoutMs ?? DEFAULT_MESSAGE_TIMEOUT_MS, remaining);
      const answer = await this.session.transport.send(outgoing.der, { signal: this.session.signal, timeoutMs });
      try {
        const request = { type: 'error' as const, transactionID: this.transactionID, senderNonce: outgoing.senderNonce };
        validateResponse(decodePkiMessage(answer, this.session.decodeLimits), request, this.session.trust, { expectedTypes: ['pkiconf'], now: new Date(this.clock.now()) });
        return notice('acknowledged');
      } catch (problem) {
        return notice('sent', `the answer to our error message was not acceptable: ${problem instanceof Error ? problem.message : String(problem)}`);
      }
    } catch (problem) {
      return notice('failed', `could not send the error message: ${problem instanceof Error ? problem.message : String(problem)}`);
    }
  }

  /** Worded like the failures fail() wraps: fail() passes a CmpTransactionError through unchanged. */
  protected timeoutError(): Error {
    const reason = `the total timeout of ${this.session.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS} ms has passed`;
    const outcome = pauses('timeout', this.current) ? 'paused' : 'failed';
    return new CmpTransactionError('timeout', `${this.describe()} ${outcome} while ${this.current}: ${reason}`, this.current, this.snapshot);
  }

  /** Describes the transaction in error messages: the transactionID in hex, as servers log it. */
  protected describe(): string {
    return `${this.kind} transaction ${hex(this.transactionID)}`;
  }

  /**
   * Ends the transaction in rejected or failed and turns any error into a CmpTransactionError.
   * Two failures pause instead, so the snapshot stays resumable: exhausted polling (waiting) and
   * a certConf that got no answer at all (confirming: the certificate exists, and confirming it
   * later is exactly what the CA waits for).
   */
  protected fail(error: unknown, serverNotice?: ServerNotice): CmpTransactionError {
    const failedIn = this.current;
    const code = classify(error);
    const message = error instanceof Error ? error.message : String(error);
    const finalState: TransactionState = code === 'rejected' ? 'rejected' : 'failed';
    const paused = pauses(code, failedIn);
    if (!paused && this.current !== finalState && this.current !== 'confirmed' && this.current !== 'completed') {
      this.failure = { code: error instanceof CmpProtocolError ? error.code : code, message };
      this.moveTo(finalState);
    } else if (paused && code !== 'polling-exhausted' && code !== 'not-resumable') {
      this.failure = { code, message };
    }
    if (error instanceof CmpTransactionError) {
      return new CmpTransactionError(error.code, error.message, error.failedIn, this.snapshot, { cause: error.cause, serverNotice: error.serverNotice ?? serverNotice, refusal: error.refusal });
    }
    return new CmpTransactionError(code, `${this.describe()} ${paused ? 'paused' : finalState} while ${failedIn}: ${message}`, failedIn, this.snapshot, { cause: error, serverNotice });
  }
}

/** Whether a failure with `code` in `failedIn` leaves the snapshot resumable instead of ending the transaction (see fail()). */
function pauses(code: TransactionErrorCode, failedIn: TransactionState): boolean {
  return code === 'polling-exhausted' || code === 'not-resumable' || (failedIn === 'confirming' && (code === 'transport' || code === 'timeout' || code === 'aborted' || code === 'journal'));
}

function classify(error: unknown): TransactionErrorCode {
  if (error instanceof CmpTransactionError) return error.code;
  if (error instanceof CmpProtocolError) return error.code === 'rejected' || error.code === 'error-message' ? 'rejected' : 'protocol';
  if (error instanceof CmpProtectionError) return 'protection';
  if (error instanceof CmpDecodeError) return 'decode';
  if (error instanceof TransportError) return error.code === 'aborted' ? 'aborted' : error.code === 'timeout' ? 'timeout' : 'transport';
  if (error instanceof DOMException && error.name === 'AbortError') return 'aborted';
  return 'protocol';
}
