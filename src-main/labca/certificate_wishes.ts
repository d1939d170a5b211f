import { createPublicKey, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints, type Extension, id_ce_basicConstraints, id_ce_extKeyUsage, id_ce_keyUsage, id_ce_subjectAltName,
  type Name, type SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import { type CertReqMsg, encodeDer } from '../cmp/asn1';
import type { ParsedCertificate } from '../pki/certificate';
import { verifyWithAlgorithm } from '../pki/signature_algorithms';
import { CmpRequestRefused } from './cmp_refusal';

/** Extensions an end entity may ask for; the CA adds SKID, AKID, CRL DP and basicConstraints itself. */
const requestableExtensions = new Set([id_ce_subjectAltName, id_ce_keyUsage, id_ce_extKeyUsage]);

/**
 * What one certificate request asks for, after the lab CA checked it: the subject, the key, and the
 * extensions it will copy into the certificate.
 */
export interface CertificateWish {
  certReqId: number;
  subject: Name;
  publicKey: KeyObject;
  extensions: Extension[];
}

/**
 * Reads one CRMF request (ir/cr/kur). For kur the subject and the extensions default to those of
 * the certificate being updated (RFC 9483 4.1.3). Proof of possession must be a signature
 * (RFC 4211 4.1) over the DER of certReq made with the requested key.
 */
export function wishFromCertReqMsg(message: CertReqMsg, oldCertificate?: ParsedCertificate): CertificateWish {
  const request = message.certReq;
  const template = request.certTemplate;
  if (!template.publicKey) throw new CmpRequestRefused('badCertTemplate', 'the certificate template carries no public key');
  const publicKey = importSpki(template.publicKey);
  const subject = template.subject && template.subject.length > 0 ? template.subject : oldCertificate?.subjectName;
  if (!subject) throw new CmpRequestRefused('badCertTemplate', 'the certificate template carries no subject');
  const requested = template.extensions ? [...template.extensions] : undefined;
  const extensions = requested ? acceptedExtensions(requested) : oldExtensions(oldCertificate);
  verifySignaturePop(message, publicKey);
  return { certReqId: request.certReqId, subject, publicKey, extensions };
}

/** Keeps SAN, key usage and EKU; refuses a CA certificate or an unknown critical extension. */
export function acceptedExtensions(requested: readonly Extension[]): Extension[] {
  const accepted: Extension[] = [];
  for (const extension of requested) {
    if (requestableExtensions.has(extension.extnID)) {
      accepted.push(extension);
    } else if (extension.extnID === id_ce_basicConstraints) {
      const constraints = parseExtension(extension, BasicConstraints);
      if (constraints.cA) throw new CmpRequestRefused('badCertTemplate', 'the lab CA issues end-entity certificates only (basicConstraints cA=TRUE requested)');
    } else if (extension.critical) {
      throw new CmpRequestRefused('unacceptedExtension', `critical extension ${extension.extnID} is not supported`);
    }
  }
  return accepted;
}

function oldExtensions(oldCertificate: ParsedCertificate | undefined): Extension[] {
  const extensions = oldCertificate?.asn.tbsCertificate.extensions ?? [];
  return [...extensions].filter((e) => requestableExtensions.has(e.extnID));
}

function verifySignaturePop(message: CertReqMsg, publicKey: KeyObject): void {
  const pop = message.popo;
  if (!pop?.signature) {
    throw new CmpRequestRefused('badPOP', pop?.raVerified === null ? 'raVerified is not accepted from an end entity' : 'a signature proof of possession is required');
  }
  if (pop.signature.poposkInput) throw new CmpRequestRefused('badPOP', 'POPOSigningKeyInput is not supported; sign the certReq (RFC 4211 4.1)');
  let valid: boolean;
  try {
    valid = verifyWithAlgorithm(encodeDer(message.certReq), new Uint8Array(pop.signature.signature), publicKey, pop.signature.algorithmIdentifier);
  } catch (error) {
    throw new CmpRequestRefused('badAlg', `proof of possession: ${(error as Error).message}`);
  }
  if (!valid) throw new CmpRequestRefused('badPOP', 'the proof-of-possession signature does not verify with the requested key');
}

/** A KeyObject from SubjectPublicKeyInfo; a refusal when the key cannot be read. */
export function importSpki(spki: SubjectPublicKeyInfo): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(AsnConvert.serialize(spki)), format: 'der', type: 'spki' });
  } catch (error) {
    throw new CmpRequestRefused('badCertTemplate', `the requested public key cannot be read: ${(error as Error).message}`);
  }
}

function parseExtension<T>(extension: Extension, type: new () => T): T {
  try {
    return AsnConvert.parse(extension.extnValue.buffer, type);
  } catch {
    throw new CmpRequestRefused('badCertTemplate', `extension ${extension.extnID} is malformed`);
  }
}

