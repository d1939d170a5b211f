import { CmpDecodeError } from '../asn1/der_limits';
import { decodePkiMessage, encodePkiMessage } from '../asn1/decode';
import { pkiBodyType, type PKIBodyType } from '../asn1/pki_body';
import type { PKIMessage } from '../asn1/pki_message';
import { randomOctets, type HeaderOptions } from '../messages/header';
import { protect } from '../protection/protect';
import { CmpProtectionError } from '../protection/protection_error';
import { TransportError } from '../transport';
import { CmpProtocolError } from '../validation/cmp_protocol_error';
import { validateResponse, type ValidatedResponse } from '../validation/response_validator';
import { systemClock, type Clock } from './clock';
import { DEFAULT_MESSAGE_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS, type CmpSession } from './cmp_session';
import { CmpTransactionError, type TransactionErrorCode } from './transaction_error';
import type { TransactionEvent } from './transaction_events';
import { fromHex, toHex, type TransactionKind, type TransactionSnapshot } from './transaction_snapshot';
import { assertTransition, type TransactionState } from './transaction_state';

/** Extra header content a request of this transaction carries. */
export type HeaderExtras = Pick<HeaderOptions, 'implicitConfirm' | 'certProfile' | 'pvno'>;

/**
 * What every CMP transaction shares: one transactionID, nonce chaining, protection, timeouts,
 * cancellation, the state machine, progress events and the snapshot.
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
  private failure?: { code: string; message: string };

  protected constructor(
    readonly kind: TransactionKind,
    session: CmpSession,
    resumeFrom?: TransactionSnapshot,
  ) {
    this.session = session;
    this.clock = session.clock ?? systemClock;
    if (resumeFrom) {
      this.transactionID = fromHex(resumeFrom.transactionId, 'transactionId');
      this.lastSenderNonce = resumeFrom.lastSenderNonce ? fromHex(resumeFrom.lastSenderNonce, 'lastSenderNonce') : undefined;
      this.lastRecipNonce = resumeFrom.lastRecipNonce ? fromHex(resumeFrom.lastRecipNonce, 'lastRecipNonce') : undefined;
      this.current = resumeFrom.state;
      this.certReqId = resumeFrom.certReqId;
      this.pollAttempts = 0;
      this.nextPollAt = resumeFrom.nextPollAt ? Date.parse(resumeFrom.nextPollAt) : undefined;
      this.startedAt = this.clock.now();
    } else {
      this.transactionID = randomOctets();
      this.startedAt = this.clock.now();
    }
  }

  get state(): TransactionState {
    return this.current;
  }

  get snapshot(): TransactionSnapshot {
    return {
      kind: this.kind,
      state: this.current,
      transactionId: toHex(this.transactionID),
      lastSenderNonce: this.lastSenderNonce ? toHex(this.lastSenderNonce) : undefined,
      lastRecipNonce: this.lastRecipNonce ? toHex(this.lastRecipNonce) : undefined,
      certReqId: this.certReqId,
      startedAt: new Date(this.startedAt).toISOString(),
      nextPollAt: this.nextPollAt === undefined ? undefined : new Date(this.nextPollAt).toISOString(),
      pollAttempts: this.pollAttempts,
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

  protected remainingMs(): number {
    return this.startedAt + (this.session.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS) - this.clock.now();
  }

  /** One round trip: fresh senderNonce, recipNonce chained, protected, sent, decoded, validated. */
  protected async exchange(requestType: PKIBodyType, build: (header: HeaderOptions) => PKIMessage, extras: HeaderExtras = {}, expectedTypes?: PKIBodyType[]): Promise<ValidatedResponse> {
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
    protect(message, this.session.protector);
    const remaining = this.remainingMs();
    if (remaining <= 0) throw this.timeoutError();
    this.lastSenderNonce = senderNonce;
    this.emit({ type: 'message-sent', messageType: requestType, at: new Date(this.clock.now()) });
    const timeoutMs = Math.min(this.session.messageTimeoutMs ?? DEFAULT_MESSAGE_TIMEOUT_MS, remaining);
    const responseBytes = await this.session.transport.send(encodePkiMessage(message), { signal: this.session.signal, timeoutMs });
    const response = decodePkiMessage(responseBytes, this.session.decodeLimits);
    const validated = validateResponse(response, { type: requestType, transactionID: this.transactionID, senderNonce }, this.session.trust, {
      expectedTypes,
      now: new Date(this.clock.now()),
    });
    this.lastRecipNonce = new Uint8Array(response.header.senderNonce!);
    this.emit({ type: 'message-received', messageType: pkiBodyType(response.body), protection: validated.protection, at: new Date(this.clock.now()) });
    return validated;
  }

  protected timeoutError(): Error {
    return new CmpTransactionError('timeout', `the total timeout of ${this.session.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS} ms has passed`, this.current, this.snapshot);
  }

  /** Ends the transaction in rejected or failed and turns any error into a CmpTransactionError. */
  protected fail(error: unknown): CmpTransactionError {
    const failedIn = this.current;
    const code = classify(error);
    const message = error instanceof Error ? error.message : String(error);
    const finalState: TransactionState = code === 'rejected' ? 'rejected' : 'failed';
    // Exhausted polling pauses in waiting: the next processing tick resumes from the snapshot.
    const ends = code !== 'polling-exhausted';
    if (ends && this.current !== finalState && this.current !== 'confirmed' && this.current !== 'completed') {
      this.failure = { code: error instanceof CmpProtocolError ? error.code : code, message };
      this.moveTo(finalState);
    }
    if (error instanceof CmpTransactionError) return new CmpTransactionError(error.code, error.message, error.failedIn, this.snapshot, { cause: error.cause });
    return new CmpTransactionError(code, `${this.kind} transaction ${toHex(this.transactionID)} ${finalState} while ${failedIn}: ${message}`, failedIn, this.snapshot, {
      cause: error,
    });
  }
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
