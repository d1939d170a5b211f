import type { KeyObject } from 'node:crypto';
import type { Name } from '@peculiar/asn1-x509';
import { parseCsr, type ParsedCertificate, type SanList } from '../../pki';
import type { PKIBodyType } from '../asn1/pki_body';
import type { PKIFailureInfoName } from '../asn1/pki_failure_info';
import { buildCertConf, type CertHashOptions } from '../messages/cert_conf';
import type { CertificateWish } from '../messages/cert_template';
import { buildCertificateRequest, buildP10cr } from '../messages/certificate_requests';
import { buildPollReq } from '../messages/other_requests';
import { TransportError } from '../transport';
import { CmpProtocolError, type CmpProtocolErrorCode } from '../validation/cmp_protocol_error';
import { readCertResponse, type CertResponseOutcome } from '../validation/cert_response';
import { readPollRep } from '../validation/other_responses';
import type { ValidatedResponse } from '../validation/response_validator';
import type { CertificateAcceptance, CertificateRefusal } from './certificate_acceptance';
import type { CmpSession } from './cmp_session';
import { issuedFromSnapshot, issuedToSnapshot, type IssuedCertificate } from './issued_certificate';
import { CmpTransactionError } from './transaction_error';
import type { TransactionSnapshot } from './transaction_snapshot';
import type { TransactionState } from './transaction_state';
import { Transaction } from './transaction';

/** What to enroll: ir/cr/kur from a wish and its private key, p10cr from a CSR. */
export interface EnrollmentRequest {
  type: 'ir' | 'cr' | 'kur' | 'p10cr';
  wish?: CertificateWish;
  privateKey?: KeyObject;
  /** p10cr: the DER CSR; the requested key is the CSR's. */
  csrDer?: Uint8Array;
  /** kur: the certificate being renewed (oldCertID). */
  oldCertificate?: ParsedCertificate;
  /** The issued certificate must chain to one of these. */
  trustAnchors: readonly ParsedCertificate[];
  implicitConfirm?: boolean;
  certProfile?: string;
  /**
   * Most pollReqs in one run; then the transaction pauses in waiting. Default 10. A function when it
   * depends on which server of a group answered (each CmpServer has its own count).
   */
  pollingRetryCount?: number | (() => number);
  certHash?: CertHashOptions;
  expectedSubject?: Name;
  expectedSans?: SanList;
  /**
   * The caller's own acceptance rule, applied after the engine's checks and before certConf is
   * built; a verdict refuses the certificate in certConf (see CertificateAcceptance).
   */
  accept?: CertificateAcceptance;
}

export interface EnrollmentResult {
  certificate: ParsedCertificate;
  chain: ParsedCertificate[];
  caPubs: ParsedCertificate[];
  warnings: string[];
  implicitConfirmGranted: boolean;
  snapshot: TransactionSnapshot;
  /** Set by resumeEnrollment when it had to start over: the transactionID (base64) this result replaces. */
  replacedTransactionId?: string;
}

/** What we tell the CA when we refuse its certificate in certConf. */
const REFUSAL_FAILINFO: Partial<Record<CmpProtocolErrorCode, PKIFailureInfoName>> = {
  'public-key-mismatch': 'badCertTemplate',
  'bad-content': 'badCertTemplate',
  'untrusted-certificate': 'incorrectData',
};

/** States after the request went out from which a journaled enrollment can continue. */
const RESUMABLE: readonly TransactionState[] = ['sent', 'waiting', 'polling', 'received', 'confirming'];

/** The server answered with an error message: it refuses the message, not the certificate. */
const refusedByServer = (error: unknown) => error instanceof CmpProtocolError && error.code === 'error-message';

/**
 * ir/cr/kur/p10cr: request, poll while waiting, validate, then certConf/pkiConf (or implicit
 * confirm when granted). A certificate that fails our checks is rejected in certConf.
 *
 * Resuming a journaled snapshot (after a crash, the process is new, the CA may not be):
 * - sent: the request went out, no answer was journaled. A CMP request cannot be asked about
 *   (RFC 9810 has no "what became of transactionID X"), and a new request under the same
 *   transactionID is refused (transactionIdInUse). So the journaled bytes are retransmitted once,
 *   unchanged: a CA that never got them processes them now, one that keeps its last answer may
 *   repeat it. Anything but a usable answer ends the transaction with 'retransmission-failed', and
 *   the request must be made again as a new transaction (resumeEnrollment does that). The
 *   certificate a CA might have issued for the lost attempt is never confirmed, so the CA drops or
 *   revokes it (RFC 9810 5.3.18), and nothing is left half-done.
 * - waiting: the next pollReq, when it is due.
 * - polling: a pollReq went out, its answer was not journaled. The CA may have answered it and
 *   moved its nonce on, so a new pollReq with the journaled recipNonce could be refused. The
 *   journaled pollReq is retransmitted byte for byte once instead (a pollReq only asks, it changes
 *   nothing at the CA, so a CA may answer the same one twice), and polling continues with the nonce
 *   of that answer. No usable answer ends it with 'retransmission-failed', as for sent.
 * - received: the certificate and our decision on it (accepted, or the refusal) are journaled;
 *   certConf is built now from that decision, the accept hook is not asked again.
 * - confirming: the journaled certConf is retransmitted byte for byte, the retransmission RFC 9810
 *   expects when pkiConf does not arrive. A CA that refuses it with an error message (e.g. it
 *   treats a repeated senderNonce as a replay, or finds the messageTime stale) gets one new
 *   certConf with a fresh senderNonce and the same recipNonce. If that is refused too the result
 *   is 'unconfirmed': the snapshot keeps the certificate, the CA never said whether it holds it.
 */
export class EnrollmentTransaction extends Transaction {
  private readonly request: EnrollmentRequest;
  private readonly requestedPublicKey: KeyObject;
  private issued?: IssuedCertificate;

  /**
   * @throws CmpSnapshotError for a snapshot that is corrupt or belongs to another request;
   *   CmpTransactionError 'not-resumable' for one in a state that cannot continue.
   */
  constructor(session: CmpSession, request: EnrollmentRequest, resumeFrom?: TransactionSnapshot | unknown) {
    super(request.type, session, resumeFrom);
    this.request = request;
    if (request.type === 'p10cr') {
      if (!request.csrDer) throw new TypeError('p10cr needs csrDer');
      this.requestedPublicKey = parseCsr(request.csrDer).publicKey;
    } else {
      if (!request.wish || !request.privateKey) throw new TypeError(`${request.type} needs wish and privateKey`);
      if (request.type === 'kur' && !request.oldCertificate) throw new TypeError('kur needs oldCertificate');
      // RFC 9483 4.1.3: a key update is authenticated by the certificate being updated, never by a shared secret
      if (request.type === 'kur' && session.protector.kind !== 'signature') throw new TypeError('kur must be signature-protected with the certificate being updated');
      this.requestedPublicKey = request.wish.publicKey;
    }
    if (this.resumedFrom !== undefined) this.checkResumable();
  }

  private checkResumable(): void {
    const state = this.resumedFrom!;
    const refuse = (why: string) => new CmpTransactionError('not-resumable', `${this.describe()} cannot be resumed from ${state}: ${why}`, state, this.snapshot);
    if (!RESUMABLE.includes(state)) throw refuse(`only ${RESUMABLE.join(', ')} can continue`);
    if (state === 'sent' && this.lastRequest?.type !== this.request.type) throw refuse(`the snapshot holds no ${this.request.type} to retransmit`);
    if (state === 'polling' && this.lastRequest?.type !== 'pollReq') throw refuse('the snapshot holds no pollReq to retransmit');
    if (state === 'received' || state === 'confirming') {
      if (!this.issuedSnapshot) throw refuse('the snapshot holds no issued certificate');
      this.issued = issuedFromSnapshot(this.issuedSnapshot, this.requestedPublicKey);
    }
  }

  async run(): Promise<EnrollmentResult> {
    try {
      try {
        return await this.proceed();
      } catch (error) {
        if (error instanceof CmpProtocolError && error.details.refusedCertificate) await this.refuse(error, error.details.refusedCertificate);
        throw error;
      }
    } catch (error) {
      throw await this.abandon(error);
    }
  }

  private async proceed(): Promise<EnrollmentResult> {
    if (this.resumedFrom === 'received') return this.confirm(this.issued!);
    if (this.resumedFrom === 'confirming') return this.reconfirm(this.issued!);
    let outcome: CertResponseOutcome | undefined;
    if (this.resumedFrom === 'sent') outcome = this.readOutcome(await this.retransmit());
    else if (this.resumedFrom === 'polling') outcome = await this.retransmitPollReq();
    else if (this.resumedFrom === undefined) outcome = await this.sendRequest();
    if (!outcome || outcome.status === 'waiting') outcome = await this.pollUntilAnswered();
    return this.confirm(await this.receive(outcome));
  }

  private expectation() {
    return {
      requestType: this.request.type,
      certReqId: this.certReqId,
      requestedPublicKey: this.requestedPublicKey,
      trustAnchors: this.request.trustAnchors,
      expectedSubject: this.request.expectedSubject,
      expectedSans: this.request.expectedSans,
      now: new Date(this.clock.now()),
    };
  }

  private async sendRequest(): Promise<CertResponseOutcome> {
    const { type } = this.request;
    this.certReqId = type === 'p10cr' ? -1 : 0;
    this.moveTo('sent');
    const extras = { implicitConfirm: this.request.implicitConfirm, certProfile: this.request.certProfile };
    const response = await this.exchange(
      type,
      (header) =>
        type === 'p10cr'
          ? buildP10cr(header, this.request.csrDer!)
          : buildCertificateRequest(type, { header, wish: this.request.wish!, privateKey: this.request.privateKey!, oldCertificate: this.request.oldCertificate }),
      extras,
    );
    return this.readOutcome(response);
  }

  /** The one retransmission of a journaled request or pollReq (see the class comment). */
  private async retransmit(expectedTypes?: PKIBodyType[]): Promise<ValidatedResponse> {
    const previous = this.lastOutgoing();
    const what = previous?.type === 'pollReq' ? 'pollReq' : 'request';
    if (!previous || this.lastRequest!.retransmitted) {
      throw new CmpTransactionError('retransmission-failed', `${this.describe()}: the ${what} was already retransmitted once without an answer; start a new transaction`, this.current, this.snapshot);
    }
    try {
      return await this.transmit(previous, { retransmission: true, expectedTypes });
    } catch (error) {
      const unanswered = error instanceof TransportError && error.code !== 'aborted';
      if (!unanswered && !refusedByServer(error)) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new CmpTransactionError('retransmission-failed', `${this.describe()}: the retransmitted ${what} got no usable answer (${why}); start a new transaction`, this.current, this.snapshot, { cause: error });
    }
  }

  /** Resumed in polling: the journaled pollReq once more; a pollRep schedules the next poll as usual. */
  private async retransmitPollReq(): Promise<CertResponseOutcome | undefined> {
    this.pollAttempts++;
    const response = await this.retransmit(['pollRep', this.finalType()]);
    if (response.type !== 'pollRep') return this.readOutcome(response);
    await this.scheduleNextPoll(readPollRep(response.message, this.certReqId).checkAfterSeconds);
    return undefined;
  }

  private finalType(): PKIBodyType {
    return this.request.type === 'kur' ? 'kup' : this.request.type === 'ir' ? 'ip' : 'cp';
  }

  private readOutcome(response: ValidatedResponse): CertResponseOutcome {
    const outcome = readCertResponse(response.message, this.expectation());
    this.certReqId = outcome.certReqId;
    return outcome;
  }

  private async pollUntilAnswered(): Promise<Extract<CertResponseOutcome, { status: 'issued' }>> {
    const configured = this.request.pollingRetryCount;
    const retries = (typeof configured === 'function' ? configured() : configured) ?? 10;
    const finalType = this.finalType();
    if (this.current !== 'waiting') await this.scheduleNextPoll(0);
    for (;;) {
      if (this.pollAttempts >= retries) {
        throw new CmpTransactionError('polling-exhausted', `still waiting after ${retries} polls; the transaction resumes at ${new Date(this.nextPollAt!).toISOString()}`, 'waiting', this.snapshot);
      }
      const delay = Math.max(0, (this.nextPollAt ?? 0) - this.clock.now());
      if (delay >= this.remainingMs()) throw this.timeoutError();
      await this.clock.sleep(delay, this.session.signal);
      this.pollAttempts++;
      this.moveTo('polling');
      const response = await this.exchange('pollReq', (header) => buildPollReq(header, this.certReqId), {}, ['pollRep', finalType]);
      if (response.type === 'pollRep') {
        await this.scheduleNextPoll(readPollRep(response.message, this.certReqId).checkAfterSeconds);
        continue;
      }
      const outcome = this.readOutcome(response);
      if (outcome.status === 'issued') return outcome;
      await this.scheduleNextPoll(0);
    }
  }

  private async scheduleNextPoll(checkAfterSeconds: number): Promise<void> {
    if (this.current !== 'waiting') this.moveTo('waiting');
    this.nextPollAt = this.clock.now() + checkAfterSeconds * 1000;
    this.emit({ type: 'poll-scheduled', checkAfterSeconds, nextPollAt: new Date(this.nextPollAt), attempt: this.pollAttempts + 1 });
    await this.checkpoint();
  }

  /** Keeps the checked certificate and the caller's verdict on it in the snapshot before anything else happens with it. */
  private async receive(outcome: CertResponseOutcome): Promise<IssuedCertificate> {
    if (outcome.status !== 'issued') throw new CmpProtocolError('unexpected-status', 'the CA is still waiting', { expected: 'a certificate' });
    const { certificate, chain, caPubs, warnings, implicitConfirmGranted } = outcome;
    return this.hold({ certificate, chain, caPubs, warnings, implicitConfirmGranted, refusal: this.callerVerdict(certificate, chain) });
  }

  private callerVerdict(certificate: ParsedCertificate, chain: ParsedCertificate[]): CertificateRefusal | undefined {
    const verdict = this.request.accept?.(certificate, { requestType: this.request.type, chain, receivedAt: new Date(this.clock.now()) });
    return verdict && { failInfo: [verdict.failInfo], reason: verdict.reason, by: 'caller' };
  }

  private async hold(issued: IssuedCertificate): Promise<IssuedCertificate> {
    this.issued = issued;
    this.issuedSnapshot = issuedToSnapshot(issued);
    this.moveTo('received');
    for (const text of issued.warnings) this.emit({ type: 'warning', text });
    await this.checkpoint();
    return issued;
  }

  private async confirm(issued: IssuedCertificate): Promise<EnrollmentResult> {
    const granted = !issued.refusal && this.request.implicitConfirm === true && issued.implicitConfirmGranted;
    if (granted) {
      this.moveTo('confirmed');
      return this.result(issued, true);
    }
    this.moveTo('confirming');
    try {
      await this.exchange('certConf', (header) => this.buildCertConf(header, issued));
    } catch (error) {
      // A CA that already closed the transaction (e.g. it granted implicit confirm) refuses a rejecting certConf; the certificate stays refused.
      if (!issued.refusal || !refusedByServer(error)) throw error;
    }
    return this.confirmed(issued);
  }

  /** Resumes in confirming: the journaled certConf once more, then at most one fresh one. */
  private async reconfirm(issued: IssuedCertificate): Promise<EnrollmentResult> {
    const previous = this.lastRequest?.type === 'certConf' && !this.lastRequest.retransmitted ? this.lastOutgoing() : undefined;
    let refusal: unknown;
    if (previous) {
      try {
        await this.transmit(previous, { retransmission: true });
        return this.confirmed(issued);
      } catch (error) {
        if (!refusedByServer(error)) throw error;
        refusal = error;
      }
    }
    try {
      await this.exchange('certConf', (header) => this.buildCertConf(header, issued));
    } catch (error) {
      if (!refusedByServer(error)) throw error;
      if (issued.refusal) return this.confirmed(issued);
      const why = [refusal, error].filter(Boolean).map((e) => (e as Error).message).join('; then: ');
      throw new CmpTransactionError('unconfirmed', `${this.describe()}: the CA did not acknowledge our certConf for "${issued.certificate.subject}" (${why})`, 'confirming', this.snapshot, { cause: error });
    }
    return this.confirmed(issued);
  }

  private buildCertConf(header: Parameters<typeof buildCertConf>[0]['header'], issued: IssuedCertificate) {
    return buildCertConf({ header, certificate: issued.certificate, certReqId: this.certReqId, rejection: issued.refusal, ...this.request.certHash });
  }

  /** pkiConf arrived: the certificate is ours, or, if we refused it, the CA knows. */
  private confirmed(issued: IssuedCertificate): EnrollmentResult {
    if (issued.refusal) {
      throw new CmpTransactionError('rejected', `we rejected the issued certificate in certConf: ${issued.refusal.reason}`, 'received', this.snapshot, { refusal: issued.refusal });
    }
    this.moveTo('confirmed');
    return this.result(issued, false);
  }

  private result(issued: IssuedCertificate, implicitConfirmGranted: boolean): EnrollmentResult {
    return { certificate: issued.certificate, chain: issued.chain, caPubs: issued.caPubs, warnings: issued.warnings, implicitConfirmGranted, snapshot: this.snapshot };
  }

  /** Refuses a certificate that failed our checks: certConf with rejection, pkiConf, then state rejected. */
  private async refuse(error: CmpProtocolError, certificate: ParsedCertificate): Promise<never> {
    const refusal: CertificateRefusal = { failInfo: [REFUSAL_FAILINFO[error.code] ?? 'badCertTemplate'], reason: error.message, by: 'engine' };
    const issued = await this.hold({ certificate, chain: [], caPubs: [], warnings: [], implicitConfirmGranted: false, refusal });
    this.moveTo('confirming');
    await this.exchange('certConf', (header) => this.buildCertConf(header, issued));
    throw new CmpTransactionError('rejected', `we rejected the issued certificate in certConf: ${error.message}`, 'received', this.snapshot, { cause: error, refusal });
  }
}
