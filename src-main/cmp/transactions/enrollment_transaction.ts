import type { KeyObject } from 'node:crypto';
import type { Name } from '@peculiar/asn1-x509';
import { parseCsr, type ParsedCertificate, type SanList } from '../../pki';
import type { PKIFailureInfoName } from '../asn1/pki_failure_info';
import { buildCertConf, type CertHashOptions } from '../messages/cert_conf';
import type { CertificateWish } from '../messages/cert_template';
import { buildCertificateRequest, buildP10cr } from '../messages/certificate_requests';
import { buildPollReq } from '../messages/other_requests';
import { CmpProtocolError, type CmpProtocolErrorCode } from '../validation/cmp_protocol_error';
import { readCertResponse, type CertResponseOutcome } from '../validation/cert_response';
import { readPollRep } from '../validation/other_responses';
import type { ValidatedResponse } from '../validation/response_validator';
import type { CmpSession } from './cmp_session';
import { CmpTransactionError } from './transaction_error';
import type { TransactionSnapshot } from './transaction_snapshot';
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
  /** Most pollReqs in one run; then the transaction pauses in waiting. Default 10. */
  pollingRetryCount?: number;
  certHash?: CertHashOptions;
  expectedSubject?: Name;
  expectedSans?: SanList;
}

export interface EnrollmentResult {
  certificate: ParsedCertificate;
  chain: ParsedCertificate[];
  caPubs: ParsedCertificate[];
  warnings: string[];
  implicitConfirmGranted: boolean;
  snapshot: TransactionSnapshot;
}

/** What we tell the CA when we refuse its certificate in certConf. */
const REFUSAL_FAILINFO: Partial<Record<CmpProtocolErrorCode, PKIFailureInfoName>> = {
  'public-key-mismatch': 'badCertTemplate',
  'bad-content': 'badCertTemplate',
  'untrusted-certificate': 'incorrectData',
};

/**
 * ir/cr/kur/p10cr: request, poll while waiting, validate, then certConf/pkiConf (or implicit
 * confirm when granted). A certificate that fails our checks is rejected in certConf.
 */
export class EnrollmentTransaction extends Transaction {
  private readonly request: EnrollmentRequest;
  private readonly requestedPublicKey: KeyObject;

  constructor(session: CmpSession, request: EnrollmentRequest, resumeFrom?: TransactionSnapshot) {
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
    if (resumeFrom && resumeFrom.state !== 'waiting') {
      throw new CmpTransactionError('not-resumable', `a ${resumeFrom.kind} transaction in state ${resumeFrom.state} cannot be resumed; only waiting ones can`, resumeFrom.state, resumeFrom);
    }
  }

  async run(): Promise<EnrollmentResult> {
    try {
      try {
        let outcome = this.current === 'waiting' ? undefined : await this.sendRequest();
        if (!outcome || outcome.status === 'waiting') outcome = await this.pollUntilAnswered();
        return await this.confirm(outcome);
      } catch (error) {
        if (error instanceof CmpProtocolError && error.details.refusedCertificate) await this.refuse(error, error.details.refusedCertificate);
        throw error;
      }
    } catch (error) {
      throw this.fail(error);
    }
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

  private readOutcome(response: ValidatedResponse): CertResponseOutcome {
    const outcome = readCertResponse(response.message, this.expectation());
    this.certReqId = outcome.certReqId;
    return outcome;
  }

  private async pollUntilAnswered(): Promise<Extract<CertResponseOutcome, { status: 'issued' }>> {
    const retries = this.request.pollingRetryCount ?? 10;
    const finalType = this.request.type === 'kur' ? 'kup' : this.request.type === 'ir' ? 'ip' : 'cp';
    if (this.current !== 'waiting') this.scheduleNextPoll(0);
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
        this.scheduleNextPoll(readPollRep(response.message, this.certReqId).checkAfterSeconds);
        continue;
      }
      const outcome = this.readOutcome(response);
      if (outcome.status === 'issued') return outcome;
      this.scheduleNextPoll(0);
    }
  }

  private scheduleNextPoll(checkAfterSeconds: number): void {
    if (this.current !== 'waiting') this.moveTo('waiting');
    this.nextPollAt = this.clock.now() + checkAfterSeconds * 1000;
    this.emit({ type: 'poll-scheduled', checkAfterSeconds, nextPollAt: new Date(this.nextPollAt), attempt: this.pollAttempts + 1 });
  }

  private async confirm(outcome: CertResponseOutcome): Promise<EnrollmentResult> {
    if (outcome.status !== 'issued') throw new CmpProtocolError('unexpected-status', 'the CA is still waiting', { expected: 'a certificate' });
    this.moveTo('received');
    for (const text of outcome.warnings) this.emit({ type: 'warning', text });
    const granted = this.request.implicitConfirm === true && outcome.implicitConfirmGranted;
    if (granted) {
      this.moveTo('confirmed');
    } else {
      this.moveTo('confirming');
      await this.exchange('certConf', (header) =>
        buildCertConf({ header, certificate: outcome.certificate, certReqId: outcome.certReqId, ...this.request.certHash }),
      );
      this.moveTo('confirmed');
    }
    return { ...outcome, implicitConfirmGranted: granted, snapshot: this.snapshot };
  }

  /** Refuses a certificate that failed our checks: certConf with rejection, pkiConf, then state rejected. */
  private async refuse(error: CmpProtocolError, certificate: ParsedCertificate): Promise<never> {
    this.moveTo('received');
    this.moveTo('confirming');
    await this.exchange('certConf', (header) =>
      buildCertConf({
        header,
        certificate,
        certReqId: this.certReqId,
        rejection: { failInfo: [REFUSAL_FAILINFO[error.code] ?? 'badCertTemplate'], reason: error.message },
        ...this.request.certHash,
      }),
    );
    throw new CmpTransactionError('rejected', `we rejected the issued certificate in certConf: ${error.message}`, 'received', this.snapshot, { cause: error });
  }
}
