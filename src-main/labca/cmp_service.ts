import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GeneralName } from '@peculiar/asn1-x509';
import {
  CmpDecodeError, decodePkiMessage, encodeDer, id_it_implicitConfirm, InfoTypeAndValue, type PKIBody,
  pkiBodyType, PKIHeader, PKIMessage, PVNO_CMP2000, PVNO_CMP2021,
} from '../cmp/asn1';
import { encodeProtectedMessage } from '../cmp/protection';
import type { CertificateAuthority } from './certificate_authority';
import { CertificateRequests } from './certificate_requests';
import type { CmpPaths, CmpPathSettings } from './cmp_paths';
import { type ProtectionPolicy, responseProtectionFor, type ResponseProtection, type VerifiedSender } from './cmp_protection_policy';
import { CmpRequestRefused } from './cmp_refusal';
import type { CmpRequestKind } from './cmp_request_kinds';
import { cmpCertificate, errorBody } from './cmp_response_bodies';
import { OpenTransactions } from './cmp_transactions';
import { genpBody } from './general_messages';
import { preEncoded } from './pre_encoded';
import { receivedHeaderFields } from './received_header';
import type { CmpHttpAnswer } from './http_server';
import { handleRevocationRequest } from './revocation_requests';
import { knobsApply, requestKinds, type TestKnobs } from './test_knobs';

/** RFC 9483 3.1: nonces carry at least 128 bits. */
const minimumNonceBytes = 16;

/** What a request handler wants sent back; the service adds header, protection and test knobs. */
export interface CmpReply {
  body: PKIBody;
  /** Grant implicit confirmation in generalInfo (RFC 9810 5.1.1.1). */
  implicitConfirm?: boolean;
  /** Our senderNonce, chosen by the handler when it must remember it for the next message. */
  senderNonce?: Uint8Array;
  /** Send the CA chain in extraCerts even under MAC protection (the new certificate's chain, RFC 9483 4.1.1). */
  withChain?: boolean;
}

/** The validated request as the handlers see it. */
export interface CmpRequest {
  message: PKIMessage;
  kind: CmpRequestKind;
  transactionIdHex: string;
  sender: VerifiedSender;
  settings: CmpPathSettings;
  knobs: TestKnobs;
}

/**
 * The lab CA's CMP front end: decodes a request, checks header and protection, hands it to the
 * handler for its body type, and protects the answer the same way the request was protected.
 */
export class CmpService {
  private readonly transactions: OpenTransactions;
  private readonly certificates: CertificateRequests;
  /** Our name as the sender of every answer, encoded once. */
  private readonly caName: GeneralName;

  constructor(
    private readonly ca: CertificateAuthority,
    private readonly paths: CmpPaths,
    private readonly protection: ProtectionPolicy,
    options: { transactionLifetimeMs?: number } = {},
  ) {
    this.transactions = new OpenTransactions(options.transactionLifetimeMs);
    this.certificates = new CertificateRequests(ca, this.transactions);
    const caName = new GeneralName({ directoryName: ca.issuing.subjectName });
    this.caName = preEncoded(caName, encodeDer(caName));
  }

  async handle(path: string, bytes: Uint8Array): Promise<CmpHttpAnswer> {
    const settings = this.paths.require(path);
    let message: PKIMessage;
    try {
      message = decodePkiMessage(bytes);
    } catch (error) {
      const text = error instanceof CmpDecodeError ? error.message : 'the request is not a PKIMessage';
      return { body: this.encode(undefined, { body: errorBody('badDataFormat', text) }, { kind: 'signature' }, {}) };
    }
    const kind = pkiBodyType(message.body) as CmpRequestKind;
    const knobs = requestKinds.includes(kind) && knobsApply(settings.knobs, kind) ? settings.knobs : {};
    if (knobs.delayMs) await sleep(knobs.delayMs);
    let protection: ResponseProtection = { kind: 'signature' };
    let reply: CmpReply;
    try {
      const sender = this.checkRequest(message, kind, settings);
      protection = responseProtectionFor(sender);
      reply = await this.dispatch({ message, kind, transactionIdHex: hex(message.header.transactionID), sender, settings, knobs });
      // A confirmation or revocation this reply reports must be on disk before the reply leaves.
      await this.ca.database.whenDurable();
    } catch (error) {
      if (!(error instanceof CmpRequestRefused)) throw error;
      reply = { body: errorBody(error.failInfo, error.text) };
    }
    return { body: this.encode(message, reply, protection, knobs), httpFailure: knobs.httpFailure };
  }

  private checkRequest(message: PKIMessage, kind: CmpRequestKind, settings: CmpPathSettings): VerifiedSender {
    const header = message.header;
    if (!requestKinds.includes(kind)) throw new CmpRequestRefused('badRequest', `the lab CA does not accept ${kind} messages`);
    if (header.pvno !== PVNO_CMP2000 && header.pvno !== PVNO_CMP2021) {
      throw new CmpRequestRefused('unsupportedVersion', `pvno ${header.pvno} is not supported (2 or 3)`);
    }
    if (!header.transactionID || header.transactionID.byteLength < minimumNonceBytes) {
      throw new CmpRequestRefused('badRequest', `transactionID missing or shorter than ${minimumNonceBytes} bytes`);
    }
    if (!header.senderNonce || header.senderNonce.byteLength < minimumNonceBytes) {
      throw new CmpRequestRefused('badSenderNonce', `senderNonce missing or shorter than ${minimumNonceBytes} bytes`);
    }
    return this.protection.verifyRequest(message, settings.sharedSecrets, settings.acceptSignatures);
  }

  private async dispatch(request: CmpRequest): Promise<CmpReply> {
    const { message, kind } = request;
    switch (kind) {
      case 'ir':
      case 'cr':
      case 'kur':
      case 'p10cr':
        return this.certificates.request(request);
      case 'pollReq':
        return this.certificates.poll(request);
      case 'certConf':
        return this.certificates.confirm(request);
      case 'genm':
        if (request.knobs.reject) throw new CmpRequestRefused(request.knobs.reject.failInfo[0], request.knobs.reject.text ?? 'rejected by test knob');
        return { body: genpBody(message.body.genm ?? [], { root: this.ca.root.der, issuing: this.ca.issuing.der }) };
      case 'rr':
        return { body: handleRevocationRequest(request, this.ca) };
    }
  }

  private encode(request: PKIMessage | undefined, reply: CmpReply, protection: ResponseProtection, knobs: TestKnobs): Uint8Array {
    const requestHeader = request?.header;
    const header = new PKIHeader({
      pvno: requestHeader?.pvno === PVNO_CMP2021 ? PVNO_CMP2021 : PVNO_CMP2000,
      sender: this.caName,
      recipient: request ? requesterName(request) : this.caName,
      messageTime: new Date(),
      transactionID: knobs.wrongTransactionId ? random(16) : requestHeader?.transactionID,
      senderNonce: toArrayBuffer(reply.senderNonce ?? randomBytes(16)),
      recipNonce: knobs.wrongRecipNonce ? random(16) : requestHeader?.senderNonce,
      generalInfo: reply.implicitConfirm ? [new InfoTypeAndValue({ infoType: id_it_implicitConfirm, infoValue: new Uint8Array([5, 0]).buffer })] : undefined,
    });
    const message = new PKIMessage({ header, body: reply.body });
    const parts = this.protection.protectResponse(message, protection);
    if (reply.withChain && !message.extraCerts) message.extraCerts = [cmpCertificate(this.ca.issuing.der), cmpCertificate(this.ca.root.der)];
    if (knobs.badProtection && message.protection) {
      const corrupted = new Uint8Array(message.protection.slice(0));
      corrupted[corrupted.length - 1] ^= 0x01;
      message.protection = corrupted.buffer;
    }
    return encodeProtectedMessage(message, parts);
  }
}

/** The request's sender, to be our answer's recipient: written as the request carried it. */
function requesterName(request: PKIMessage): GeneralName {
  const received = receivedHeaderFields(request.headerRaw);
  return received ? preEncoded(request.header.sender, received.sender) : request.header.sender;
}

export function hex(bytes: ArrayBuffer | undefined): string {
  return bytes ? Buffer.from(bytes).toString('hex') : '';
}

function random(length: number): ArrayBuffer {
  return toArrayBuffer(randomBytes(length));
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

