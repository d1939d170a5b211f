import { namesEqual, nameToString, validateChain, type ParsedCertificate } from '../../pki';
import { certificateOf } from '../messages/general_messages';
import { pkiBodyType, type PKIBody, type PKIBodyType } from '../asn1/pki_body';
import { PVNO_CMP2000, PVNO_CMP2021 } from '../asn1/pki_header';
import { PKIMessage } from '../asn1/pki_message';
import { PKIStatus } from '../asn1/pki_status';
import { CmpProtectionError } from '../protection/protection_error';
import { isMacProtection, verifyProtection } from '../protection/verify_protection';
import { CmpProtocolError } from './cmp_protocol_error';
import { describePeerFailure } from './peer_status';
import type { ServerTrust } from './server_trust';

/** What we sent, as far as the answer must refer to it. */
export interface SentRequest {
  type: PKIBodyType;
  transactionID: Uint8Array;
  senderNonce: Uint8Array;
}

/** The body types that answer each request type (error is always possible). */
export const RESPONSE_TYPES: Partial<Record<PKIBodyType, PKIBodyType[]>> = {
  ir: ['ip'],
  cr: ['cp'],
  kur: ['kup'],
  p10cr: ['cp'],
  certConf: ['pkiconf'],
  genm: ['genp'],
  rr: ['rp'],
};

export interface ValidatedResponse {
  message: PKIMessage;
  type: PKIBodyType;
  protection: 'mac' | 'signature' | 'none';
  /** The certificate that signed the response, when signed. */
  signer?: ParsedCertificate;
}

export interface ResponseCheckOptions {
  /** Override the body types accepted, e.g. pollReq is answered by pollRep or by the final ip/cp/kup. */
  expectedTypes?: PKIBodyType[];
  /** Validation time for the protection certificate; default now. */
  now?: Date;
}

const hex = (bytes: ArrayBuffer | Uint8Array | undefined) => (bytes ? Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex') : 'nothing');

/**
 * Checks everything a response must satisfy before its content is read (RFC 9810 5.1, RFC 9483 3.5):
 * version, transactionID, recipNonce, protection and signer, sender, body type. An error body
 * that passes these checks becomes CmpProtocolError 'error-message'.
 */
export function validateResponse(message: PKIMessage, request: SentRequest, trust: ServerTrust, options: ResponseCheckOptions = {}): ValidatedResponse {
  const header = message.header;
  const type = pkiBodyType(message.body);
  if (header.pvno !== PVNO_CMP2000 && header.pvno !== PVNO_CMP2021) {
    throw new CmpProtocolError('unsupported-version', 'the response uses an unsupported CMP version', { expected: 'pvno 2 or 3', received: `pvno ${header.pvno}` });
  }
  if (!header.transactionID || hex(header.transactionID) !== hex(request.transactionID)) {
    throw new CmpProtocolError('transactionid-mismatch', 'the response belongs to another transaction', {
      expected: `transactionID ${hex(request.transactionID)}`,
      received: `transactionID ${hex(header.transactionID)}`,
    });
  }
  if (!header.recipNonce || hex(header.recipNonce) !== hex(request.senderNonce)) {
    throw new CmpProtocolError('recipnonce-mismatch', 'the response does not answer our last message (possible replay)', {
      expected: `recipNonce ${hex(request.senderNonce)}`,
      received: `recipNonce ${hex(header.recipNonce)}`,
    });
  }
  if (!header.senderNonce || header.senderNonce.byteLength < 8) {
    throw new CmpProtocolError('missing-sender-nonce', 'the response carries no usable senderNonce', { expected: 'at least 8 bytes', received: `${header.senderNonce?.byteLength ?? 0} bytes` });
  }
  const checked = checkProtection(message, trust, options.now ?? new Date());
  checkSender(message, trust, checked.signer);
  if (type === 'error') throw errorMessageError(message.body);
  const expected = options.expectedTypes ?? RESPONSE_TYPES[request.type] ?? [];
  if (!expected.includes(type)) {
    throw new CmpProtocolError('unexpected-body', `the server answered ${request.type} with the wrong message type`, { expected: expected.join(' or '), received: type });
  }
  return { message, type, ...checked };
}

function errorMessageError(body: PKIBody): CmpProtocolError {
  const content = body.error!;
  const failure = describePeerFailure(content.pKIStatusInfo);
  const peerText = [...failure.text, ...(content.errorDetails ?? [])];
  const code = content.errorCode === undefined ? '' : ` (errorCode ${content.errorCode})`;
  return new CmpProtocolError('error-message', `the server reported an error${code}`, { failInfo: failure.failInfo, peerText });
}

/** Negative answers that a misconfigured CA may send unprotected (OpenSSL -unprotected_errors). */
function isNegativeAnswer(body: PKIBody): boolean {
  const certResponses = (body.ip ?? body.cp ?? body.kup)?.response;
  if (body.error) return true;
  if (certResponses) return certResponses.length > 0 && certResponses.every((r) => r.status.status === PKIStatus.rejection);
  if (body.rp) return body.rp.status.length > 0 && body.rp.status.every((s) => s.status === PKIStatus.rejection);
  return false;
}

function checkProtection(message: PKIMessage, trust: ServerTrust, now: Date): Omit<ValidatedResponse, 'message' | 'type'> {
  const algorithm = message.header.protectionAlg;
  if (!algorithm || !message.protection) {
    if (trust.acceptUnprotectedErrors && isNegativeAnswer(message.body)) return { protection: 'none' };
    throw new CmpProtocolError('unprotected', 'the response is not protected', { expected: 'MAC or signature protection', received: 'none' });
  }
  try {
    if (isMacProtection(algorithm.algorithm)) {
      verifyProtection(message, { secret: trust.secret, maxIterationCount: trust.maxIterationCount });
      return { protection: 'mac' };
    }
    const signer = trust.pinnedServerCertificate ?? trustedSignerFromExtraCerts(message, trust, now);
    verifyProtection(message, { signerCertificate: signer, maxIterationCount: trust.maxIterationCount });
    return { protection: 'signature', signer };
  } catch (error) {
    if (error instanceof CmpProtectionError) {
      throw new CmpProtocolError('bad-protection', `the response protection is not valid: ${error.message}`, {}, { cause: error });
    }
    throw error;
  }
}

function extraCertificates(message: PKIMessage): ParsedCertificate[] {
  return (message.extraCerts ?? []).flatMap((cert) => (cert.x509v3PKCert ? [certificateOf(cert, 'extraCerts certificate')] : []));
}

/** The CMP protection certificate from extraCerts (by senderKID, else the first), checked for signing use. */
function trustedSignerFromExtraCerts(message: PKIMessage, trust: ServerTrust, now: Date): ParsedCertificate {
  const extra = extraCertificates(message);
  const kid = message.header.senderKID;
  const signer = (kid && extra.find((cert) => cert.subjectKeyIdentifier && hex(cert.subjectKeyIdentifier) === hex(kid))) || extra[0];
  if (!signer) {
    throw new CmpProtocolError('untrusted-protection-certificate', 'the response is signed but carries no protection certificate and none is pinned', {
      expected: 'the CMP server certificate in extraCerts or a pinned server certificate',
    });
  }
  if (!trust.trustAnchors?.length) {
    throw new CmpProtocolError('untrusted-protection-certificate', `cannot trust the response signer "${signer.subject}": no trust anchors are configured for this server`);
  }
  if (signer.keyUsage && !signer.keyUsage.includes('digitalSignature')) {
    throw new CmpProtocolError('untrusted-protection-certificate', `the response signer "${signer.subject}" may not sign`, {
      expected: 'keyUsage digitalSignature',
      received: `keyUsage ${signer.keyUsage.join(', ')}`,
    });
  }
  const result = validateChain(signer, { trustAnchors: trust.trustAnchors, intermediates: extra.filter((cert) => cert !== signer), at: now });
  if (!result.ok) {
    throw new CmpProtocolError('untrusted-protection-certificate', `the response signer "${signer.subject}" is not trusted: ${result.message}`);
  }
  return signer;
}

function checkSender(message: PKIMessage, trust: ServerTrust, signer: ParsedCertificate | undefined): void {
  const sender = message.header.sender.directoryName;
  const expectations = [trust.expectedSender, signer?.subjectName].filter((name) => name !== undefined);
  for (const expected of expectations) {
    if (!sender || !namesEqual(sender, expected)) {
      throw new CmpProtocolError('unexpected-sender', 'the response comes from an unexpected sender', {
        expected: `"${nameToString(expected)}"`,
        received: sender ? `"${nameToString(sender)}"` : 'a sender that is not a directory name',
      });
    }
  }
}
