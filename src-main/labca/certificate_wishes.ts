import type { KeyObject } from 'node:crypto';
import {
  type Extension, id_ce_basicConstraints, id_ce_extKeyUsage, id_ce_keyUsage, id_ce_subjectAltName, type KeyUsageType,
  type Name,
} from '@peculiar/asn1-x509';
import type { CertReqMsg } from '../cmp/asn1';
import { serializeDer } from '../pki/asn1_codec';
import type { ParsedCertificate } from '../pki/certificate';
import { parseCsr, type ParsedCsr } from '../pki/csr';
import { readTlv } from '../pki/der';
import { CsrFormatError, PkiError } from '../pki/errors';
import { readExtensionValues } from '../pki/extension_values';
import { verifyWithAlgorithm } from '../pki/signature_algorithms';
import { emptySanList, type SanList } from '../pki/subject_alt_names';
import { CmpRequestRefused } from './cmp_refusal';
import { requestedPublicKey } from './requested_public_key';

/** Extensions an end entity may ask for; the CA adds SKID, AKID, CRL DP and basicConstraints itself. */
const requestableExtensions = new Set([id_ce_subjectAltName, id_ce_keyUsage, id_ce_extKeyUsage, id_ce_basicConstraints]);

/**
 * What one certificate request asks for, after the lab CA checked it: the subject, the key, and the
 * SANs, key usage and EKU it will copy into the certificate.
 */
export interface CertificateWish {
  certReqId: number;
  subject: Name;
  /** The requested key as SubjectPublicKeyInfo DER; the certificate carries these bytes. */
  publicKeyInfo: Uint8Array;
  sans: SanList;
  keyUsage?: KeyUsageType[];
  /** EKU purpose OIDs. */
  extendedKeyUsage?: string[];
}

type RequestedUsage = Pick<CertificateWish, 'sans' | 'keyUsage' | 'extendedKeyUsage'>;

/**
 * Reads one CRMF request (ir/cr/kur). For kur the subject and the extensions default to those of
 * the certificate being updated (RFC 9483 4.1.3). Proof of possession must be a signature
 * (RFC 4211 4.1) over the DER of certReq made with the requested key: `certReqDer`, the bytes as
 * received (see receivedCertReqDer).
 */
export function wishFromCertReqMsg(message: CertReqMsg, certReqDer: Uint8Array, oldCertificate?: ParsedCertificate): CertificateWish {
  const request = message.certReq;
  const template = request.certTemplate;
  if (!template.publicKey) throw new CmpRequestRefused('badCertTemplate', 'the certificate template carries no public key');
  const publicKeyInfo = new Uint8Array(serializeDer(template.publicKey));
  const publicKey = requestedPublicKey(publicKeyInfo);
  const subject = template.subject && template.subject.length > 0 ? template.subject : oldCertificate?.subjectName;
  if (!subject) throw new CmpRequestRefused('badCertTemplate', 'the certificate template carries no subject');
  const usage = template.extensions ? requestedUsage([...template.extensions]) : oldUsage(oldCertificate);
  verifySignaturePop(message, certReqDer, publicKey);
  return { certReqId: request.certReqId, subject, publicKeyInfo, ...usage };
}

/**
 * The DER of the one certReq of an ir/cr/kur body as received, from the body's bytes:
 * `[n] CertReqMessages ::= SEQUENCE OF CertReqMsg`, `CertReqMsg ::= SEQUENCE { certReq CertRequest, … }`.
 * The proof of possession signs these bytes (RFC 4211 4.1); verifying them spares re-encoding certReq.
 */
export function receivedCertReqDer(bodyDer: Uint8Array | undefined): Uint8Array {
  const refused = () => new CmpRequestRefused('badDataFormat', 'the certificate request body is not one DER CertReqMsg');
  if (!bodyDer) throw refused();
  const tagged = readTlv(bodyDer, 0);
  if (!tagged || (tagged.tag & 0xe0) !== 0xa0 || tagged.end !== bodyDer.length) throw refused();
  const messages = readTlv(bodyDer, tagged.contentStart);
  const first = messages?.tag === 0x30 ? readTlv(bodyDer, messages.contentStart) : undefined;
  const certReq = first?.tag === 0x30 ? readTlv(bodyDer, first.contentStart) : undefined;
  if (!first || !certReq || certReq.tag !== 0x30 || certReq.end > first.end) throw refused();
  // certReq's TLV starts where CertReqMsg's content does.
  return bodyDer.subarray(first.contentStart, certReq.end);
}

/**
 * Reads a p10cr: the PKCS#10 self-signature is the proof of possession. The CertResponse of a
 * p10cr uses certReqId -1 (RFC 9810 5.3.4, "no certReqId").
 */
export function wishFromCsr(csrDer: Uint8Array): CertificateWish {
  let csr: ParsedCsr;
  try {
    csr = parseCsr(csrDer);
  } catch (error) {
    const popFailure = error instanceof CsrFormatError && /signature/.test(error.message);
    throw new CmpRequestRefused(popFailure ? 'badPOP' : 'badDataFormat', (error as Error).message);
  }
  if (csr.subjectName.length === 0) throw new CmpRequestRefused('badCertTemplate', 'the CSR carries no subject');
  const publicKeyInfo = new Uint8Array(serializeDer(csr.asn.certificationRequestInfo.subjectPKInfo));
  return { certReqId: p10crCertReqId, subject: csr.subjectName, publicKeyInfo, ...requestedUsage(csr.extensions) };
}

export const p10crCertReqId = -1;

/** SAN, key usage and EKU of the request; refuses a CA certificate or an unknown critical extension. */
function requestedUsage(requested: readonly Extension[]): RequestedUsage {
  for (const extension of requested) {
    if (!requestableExtensions.has(extension.extnID) && extension.critical) {
      throw new CmpRequestRefused('unacceptedExtension', `critical extension ${extension.extnID} is not supported`);
    }
  }
  let values;
  try {
    values = readExtensionValues(requested, (message, cause) => new CmpExtensionError(message, cause));
  } catch (error) {
    if (error instanceof CmpExtensionError) throw new CmpRequestRefused('badCertTemplate', error.message);
    throw error;
  }
  if (values.basicConstraints?.ca) {
    throw new CmpRequestRefused('badCertTemplate', 'the lab CA issues end-entity certificates only (basicConstraints cA=TRUE requested)');
  }
  return { sans: values.sans, keyUsage: values.keyUsage, extendedKeyUsage: values.extKeyUsage };
}

/** Carries an extension decoding failure out of readExtensionValues as a PkiError. */
class CmpExtensionError extends PkiError {
  constructor(message: string, cause?: unknown) {
    super('certificate_format', message, { cause });
  }
}

function oldUsage(oldCertificate: ParsedCertificate | undefined): RequestedUsage {
  if (!oldCertificate) return { sans: emptySanList() };
  return { sans: oldCertificate.sans, keyUsage: oldCertificate.keyUsage, extendedKeyUsage: oldCertificate.extKeyUsage };
}

function verifySignaturePop(message: CertReqMsg, certReqDer: Uint8Array, publicKey: KeyObject): void {
  const pop = message.popo;
  if (!pop?.signature) {
    throw new CmpRequestRefused('badPOP', pop?.raVerified === null ? 'raVerified is not accepted from an end entity' : 'a signature proof of possession is required');
  }
  if (pop.signature.poposkInput) throw new CmpRequestRefused('badPOP', 'POPOSigningKeyInput is not supported; sign the certReq (RFC 4211 4.1)');
  let valid: boolean;
  try {
    valid = verifyWithAlgorithm(certReqDer, new Uint8Array(pop.signature.signature), publicKey, pop.signature.algorithmIdentifier);
  } catch (error) {
    throw new CmpRequestRefused('badAlg', `proof of possession: ${(error as Error).message}`);
  }
  if (!valid) throw new CmpRequestRefused('badPOP', 'the proof-of-possession signature does not verify with the requested key');
}
