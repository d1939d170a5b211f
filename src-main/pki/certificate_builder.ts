import { randomBytes, type KeyObject } from 'node:crypto';
import { type AlgorithmIdentifier, Certificate, type Extension, KeyUsageType, Name, Validity } from '@peculiar/asn1-x509';
import { certificateFromAsn, type ParsedCertificate } from './certificate';
import { derBitString, derTlv } from './der';
import { CertificateBuildError } from './errors';
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  crlDistributionPointsExtension,
  extendedKeyUsageExtension,
  keyIdentifier,
  keyIdentifierOfSpki,
  keyUsageExtension,
  subjectAltNameExtension,
  subjectKeyIdentifierExtension,
} from './extensions';
import { publicKeyDer, sameSubjectPublicKey, toPublicKey } from './keys';
import { nameToDer } from './names';
import { signatureAlgorithmFor, signWithAlgorithm, type SignatureAlgorithmOptions } from './signature_algorithms';
import type { SanList } from './subject_alt_names';
import { parseDer, serializeDer } from './asn1_codec';

/** Issues X.509 v3 certificates: the lab CA's signing step and the source of test chains. */

/** Who signs: an issuing CA (certificate + its key), or the subject itself (a self-signed root). */
export type CertificateSigner =
  | { certificate: ParsedCertificate; privateKey: KeyObject }
  | { selfSigned: true; privateKey: KeyObject };

/** What varies from one certificate to the next under the same issuer. */
export interface CertificateContent {
  subject: Name;
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
}

export interface CertificateTemplate extends CertificateContent {
  signer: CertificateSigner;
  subjectPublicKey: KeyObject;
  signature?: SignatureAlgorithmOptions;
}

/** A certificate just signed: its DER and the fields its issuer records about it. */
export interface SignedCertificate {
  der: Uint8Array;
  /** Upper-case hex without leading zero bytes, as `openssl x509 -serial` prints it. */
  serialHex: string;
  /** Validity as written (whole seconds). */
  notBefore: Date;
  notAfter: Date;
  signatureAlgorithm: AlgorithmIdentifier;
}

/** A fresh serial: 16 random bytes, high bit cleared so the INTEGER is positive, never zero. */
export function randomSerialNumber(): Uint8Array {
  const serial = new Uint8Array(randomBytes(16));
  serial[0] = (serial[0] & 0x7f) | 0x01;
  return serial;
}

/** DER INTEGER content for an unsigned magnitude: minimal, with a leading zero when the high bit is set. */
function serialInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  if (trimmed.length === 0) throw new CertificateBuildError('The serial number must be positive, not zero');
  const content = trimmed[0] & 0x80 ? Uint8Array.of(0, ...trimmed) : Uint8Array.from(trimmed);
  if (content.length > 20) throw new CertificateBuildError(`The serial number is ${content.length} octets; RFC 5280 allows at most 20`);
  return content;
}

/** X.509 times carry whole seconds (RFC 5280 4.1.2.5). */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function encodeExtension(extension: Extension): Uint8Array {
  return new Uint8Array(serializeDer(extension));
}

/** version [0] EXPLICIT Version DEFAULT v1, here v3 (2). */
const versionV3 = Uint8Array.of(0xa0, 0x03, 0x02, 0x01, 0x02);

/**
 * One issuer — name, key identifier, key, signature algorithm — checked and encoded once, so that
 * each certificate it signs only encodes what varies (a CA signs many). The TBSCertificate is put
 * together from the DER of its fields; the signed bytes are exactly the bytes sent.
 */
export class CertificateIssuer {
  readonly signatureAlgorithm: AlgorithmIdentifier;
  private readonly nameDer: Uint8Array;
  private readonly signatureAlgorithmDer: Uint8Array;
  private readonly authorityKeyIdentifierDer: Uint8Array;
  /** cRLDistributionPoints and basicConstraints extensions repeat from one certificate to the next. */
  private readonly repeatedExtensions = new Map<string, Uint8Array>();

  private constructor(
    name: Name,
    keyId: Uint8Array,
    private readonly privateKey: KeyObject,
    signature: SignatureAlgorithmOptions | undefined,
  ) {
    this.nameDer = nameToDer(name);
    this.signatureAlgorithm = signatureAlgorithmFor(privateKey, signature);
    this.signatureAlgorithmDer = new Uint8Array(serializeDer(this.signatureAlgorithm));
    this.authorityKeyIdentifierDer = encodeExtension(authorityKeyIdentifierExtension(keyId));
  }

  /** An issuing CA; refuses a key that does not belong to its certificate. */
  static forCertificate(certificate: ParsedCertificate, privateKey: KeyObject, signature?: SignatureAlgorithmOptions): CertificateIssuer {
    if (!sameSubjectPublicKey(privateKey, certificate.publicKey)) {
      throw new CertificateBuildError(`The issuer key does not belong to the issuer certificate "${certificate.subject}"`);
    }
    return new CertificateIssuer(certificate.subjectName, certificate.subjectKeyIdentifier ?? keyIdentifier(certificate.publicKey), privateKey, signature);
  }

  /** The issuer of a self-signed certificate: the subject itself; refuses a key that is not the subject's. */
  static selfSigned(subject: Name, subjectPublicKey: KeyObject, privateKey: KeyObject, signature?: SignatureAlgorithmOptions): CertificateIssuer {
    if (!sameSubjectPublicKey(privateKey, subjectPublicKey)) {
      throw new CertificateBuildError('A self-signed certificate must be signed with the private key of its own public key');
    }
    return new CertificateIssuer(subject, keyIdentifier(subjectPublicKey), privateKey, signature);
  }

  /** Builds and signs a certificate for the key `subjectPublicKeyInfo` (SubjectPublicKeyInfo DER, copied as given). */
  sign(content: CertificateContent, subjectPublicKeyInfo: Uint8Array): SignedCertificate {
    const notBefore = wholeSeconds(content.notBefore);
    const notAfter = wholeSeconds(content.notAfter);
    if (notAfter.getTime() <= notBefore.getTime()) {
      throw new CertificateBuildError(`notAfter ${notAfter.toISOString()} must be later than notBefore ${notBefore.toISOString()}`);
    }
    const serial = serialInteger(content.serialNumber ?? randomSerialNumber());
    const tbsDer = derTlv(0x30, [
      versionV3,
      derTlv(0x02, [serial]),
      this.signatureAlgorithmDer,
      this.nameDer,
      new Uint8Array(serializeDer(new Validity({ notBefore, notAfter }))),
      nameToDer(content.subject),
      subjectPublicKeyInfo,
      derTlv(0xa3, [derTlv(0x30, this.extensions(content, subjectPublicKeyInfo))]),
    ]);
    const signature = signWithAlgorithm(tbsDer, this.privateKey, this.signatureAlgorithm);
    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
    const der = derTlv(0x30, [tbsDer, this.signatureAlgorithmDer, derBitString(signature)]);
    const serialStart = serial[0] === 0 && serial.length > 1 ? 1 : 0;
    return { der, serialHex: Buffer.from(serial.subarray(serialStart)).toString('hex').toUpperCase(), notBefore, notAfter, signatureAlgorithm: this.signatureAlgorithm };
  }

  private extensions(content: CertificateContent, subjectPublicKeyInfo: Uint8Array): Uint8Array[] {
    const extensions: Uint8Array[] = [];
    const { basicConstraints, crlDistributionPoints } = content;
    if (basicConstraints) {
      extensions.push(this.repeated(`bc|${basicConstraints.ca}|${basicConstraints.pathLength}`, () => basicConstraintsExtension(basicConstraints.ca, basicConstraints.pathLength)));
    }
    if (content.keyUsage?.length) extensions.push(encodeExtension(keyUsageExtension(content.keyUsage)));
    if (content.extendedKeyUsage?.length) extensions.push(encodeExtension(extendedKeyUsageExtension(content.extendedKeyUsage)));
    if (content.sans && Object.values(content.sans).some((values) => values.length > 0)) {
      extensions.push(encodeExtension(subjectAltNameExtension(content.sans, content.subject.length === 0)));
    }
    extensions.push(encodeExtension(subjectKeyIdentifierExtension(keyIdentifierOfSpki(subjectPublicKeyInfo))));
    extensions.push(this.authorityKeyIdentifierDer);
    if (crlDistributionPoints?.length) {
      extensions.push(this.repeated(`crl|${crlDistributionPoints.join(' ')}`, () => crlDistributionPointsExtension(crlDistributionPoints)));
    }
    return extensions;
  }

  /** An extension that depends only on its key, encoded on first use; few distinct ones per issuer. */
  private repeated(key: string, build: () => Extension): Uint8Array {
    let der = this.repeatedExtensions.get(key);
    if (!der) {
      der = encodeExtension(build());
      this.repeatedExtensions.set(key, der);
    }
    return der;
  }
}

/** Builds, signs and returns one certificate, decoded (test chains, the lab CA's own CA and TLS certificates). */
export function issueCertificate(template: CertificateTemplate): ParsedCertificate {
  const { signer } = template;
  const issuer =
    'certificate' in signer
      ? CertificateIssuer.forCertificate(signer.certificate, signer.privateKey, template.signature)
      : CertificateIssuer.selfSigned(template.subject, template.subjectPublicKey, signer.privateKey, template.signature);
  const { der } = issuer.sign(template, publicKeyDer(template.subjectPublicKey));
  return certificateFromAsn(der, parseDer(der, Certificate), toPublicKey(template.subjectPublicKey));
}
