import { randomBytes, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, Extension, Extensions, KeyUsageType, Name, SubjectPublicKeyInfo, TBSCertificate, Validity } from '@peculiar/asn1-x509';
import { certificateFromAsn, type ParsedCertificate } from './certificate';
import { derBitString, derTlv } from './der';
import { CertificateBuildError } from './errors';
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  crlDistributionPointsExtension,
  extendedKeyUsageExtension,
  keyIdentifier,
  keyUsageExtension,
  subjectAltNameExtension,
  subjectKeyIdentifierExtension,
} from './extensions';
import { publicKeyDer, sameSubjectPublicKey, toPublicKey } from './keys';
import { signatureAlgorithmFor, signWithAlgorithm, type SignatureAlgorithmOptions } from './signature_algorithms';
import type { SanList } from './subject_alt_names';

/** Issues X.509 v3 certificates: the lab CA's signing step and the source of test chains. */

/** Who signs: an issuing CA (certificate + its key), or the subject itself (a self-signed root). */
export type CertificateSigner =
  | { certificate: ParsedCertificate; privateKey: KeyObject }
  | { selfSigned: true; privateKey: KeyObject };

export interface CertificateTemplate {
  signer: CertificateSigner;
  subject: Name;
  subjectPublicKey: KeyObject;
  /** Unsigned big-endian magnitude; default: 16 random bytes with the high bit cleared (RFC 5280 4.1.2.2). */
  serialNumber?: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  basicConstraints?: { ca: boolean; pathLength?: number };
  keyUsage?: KeyUsageType[];
  /** EKU names ("serverAuth") or OIDs. */
  extendedKeyUsage?: string[];
  sans?: SanList;
  crlDistributionPoints?: string[];
  signature?: SignatureAlgorithmOptions;
}

/** A fresh serial: 16 random bytes, high bit cleared so the INTEGER is positive, never zero. */
export function randomSerialNumber(): Uint8Array {
  const serial = new Uint8Array(randomBytes(16));
  serial[0] = (serial[0] & 0x7f) | 0x01;
  return serial;
}

/** DER INTEGER content for an unsigned magnitude: minimal, with a leading zero when the high bit is set. */
function serialInteger(magnitude: Uint8Array): ArrayBuffer {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  if (trimmed.length === 0) throw new CertificateBuildError('The serial number must be positive, not zero');
  const content = trimmed[0] & 0x80 ? Uint8Array.of(0, ...trimmed) : Uint8Array.from(trimmed);
  if (content.length > 20) throw new CertificateBuildError(`The serial number is ${content.length} octets; RFC 5280 allows at most 20`);
  return content.buffer;
}

/** X.509 times carry whole seconds (RFC 5280 4.1.2.5). */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function extensionsFor(template: CertificateTemplate): Extension[] {
  const extensions: Extension[] = [];
  if (template.basicConstraints) {
    extensions.push(basicConstraintsExtension(template.basicConstraints.ca, template.basicConstraints.pathLength));
  }
  if (template.keyUsage?.length) extensions.push(keyUsageExtension(template.keyUsage));
  if (template.extendedKeyUsage?.length) extensions.push(extendedKeyUsageExtension(template.extendedKeyUsage));
  if (template.sans && Object.values(template.sans).some((values) => values.length > 0)) {
    extensions.push(subjectAltNameExtension(template.sans, template.subject.length === 0));
  }
  extensions.push(subjectKeyIdentifierExtension(template.subjectPublicKey));
  const signer = template.signer;
  const issuerKeyId =
    'certificate' in signer ? (signer.certificate.subjectKeyIdentifier ?? keyIdentifier(signer.certificate.publicKey)) : keyIdentifier(template.subjectPublicKey);
  extensions.push(authorityKeyIdentifierExtension(issuerKeyId));
  if (template.crlDistributionPoints?.length) extensions.push(crlDistributionPointsExtension(template.crlDistributionPoints));
  return extensions;
}

function checkSigner(template: CertificateTemplate): Name {
  const signer = template.signer;
  if ('certificate' in signer) {
    if (!sameSubjectPublicKey(signer.privateKey, signer.certificate.publicKey)) {
      throw new CertificateBuildError(`The issuer key does not belong to the issuer certificate "${signer.certificate.subject}"`);
    }
    return signer.certificate.subjectName;
  }
  if (!sameSubjectPublicKey(signer.privateKey, template.subjectPublicKey)) {
    throw new CertificateBuildError('A self-signed certificate must be signed with the private key of its own public key');
  }
  return template.subject;
}

/** Builds, signs and returns the certificate, described from the structure we built (no parse of our own DER). */
export function issueCertificate(template: CertificateTemplate): ParsedCertificate {
  const issuer = checkSigner(template);
  const notBefore = wholeSeconds(template.notBefore);
  const notAfter = wholeSeconds(template.notAfter);
  if (notAfter.getTime() <= notBefore.getTime()) {
    throw new CertificateBuildError(`notAfter ${notAfter.toISOString()} must be later than notBefore ${notBefore.toISOString()}`);
  }
  const signatureAlgorithm = signatureAlgorithmFor(template.signer.privateKey, template.signature);
  const tbs = new TBSCertificate({
    version: 2,
    serialNumber: serialInteger(template.serialNumber ?? randomSerialNumber()),
    signature: signatureAlgorithm,
    issuer,
    validity: new Validity({ notBefore, notAfter }),
    subject: template.subject,
    subjectPublicKeyInfo: AsnConvert.parse(publicKeyDer(template.subjectPublicKey), SubjectPublicKeyInfo),
    extensions: new Extensions(extensionsFor(template)),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = signWithAlgorithm(tbsDer, template.signer.privateKey, signatureAlgorithm);
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm,
    signatureValue: Uint8Array.from(signature).buffer,
  });
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }: the tbs bytes just signed, not a re-serialisation
  const der = derTlv(0x30, [tbsDer, new Uint8Array(AsnConvert.serialize(signatureAlgorithm)), derBitString(new Uint8Array(signature))]);
  return certificateFromAsn(der, certificate, toPublicKey(template.subjectPublicKey));
}
