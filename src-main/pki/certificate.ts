import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  KeyUsage,
  KeyUsageType,
  Name,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { CertificateFormatError, describeCause } from './errors';
import { firstElementOfSequence } from './der';
import { MAX_CERTIFICATE_BYTES, MAX_PEM_BUNDLE_BYTES } from './limits';
import { namesEqual, nameToString } from './names';
import { inputSize, looksLikePem, pemText, readPemBlocks } from './pem';
import { verifyWithAlgorithm } from './signature_algorithms';
import { emptySanList, generalNamesToSanList, type SanList } from './subject_alt_names';

/** A decoded X.509 certificate: the fields cmp-desk reads, plus the exact DER and the ASN.1 structure. */
export interface ParsedCertificate {
  der: Uint8Array;
  asn: Certificate;
  /** The signed bytes exactly as they arrived. */
  tbsDer: Uint8Array;
  subject: string;
  subjectName: Name;
  issuer: string;
  issuerName: Name;
  /** Upper-case hex without leading zero bytes, as `openssl x509 -serial` prints it. */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  subjectKeyIdentifier?: Uint8Array;
  authorityKeyIdentifier?: Uint8Array;
  basicConstraints?: { ca: boolean; pathLength?: number };
  keyUsage?: KeyUsageType[];
  /** Extended key usage purpose OIDs. */
  extKeyUsage?: string[];
  sans: SanList;
  /** SHA-256 over the DER, colon-separated upper-case hex, for out-of-band verification. */
  sha256Fingerprint: string;
  signatureAlgorithm: AlgorithmIdentifier;
}

/** Parses one certificate from DER or from PEM text holding exactly one CERTIFICATE block. */
export function parseCertificate(input: string | Uint8Array): ParsedCertificate {
  if (!looksLikePem(input)) {
    if (typeof input === 'string') throw new CertificateFormatError('Certificate text is not PEM (no "-----BEGIN CERTIFICATE-----")');
    return parseCertificateDer(input);
  }
  if (inputSize(input) > MAX_PEM_BUNDLE_BYTES) {
    throw new CertificateFormatError(`PEM input is ${inputSize(input)} bytes; at most ${MAX_PEM_BUNDLE_BYTES} are accepted`);
  }
  const certificates = parsePemBundle(pemText(input));
  if (certificates.length !== 1) {
    throw new CertificateFormatError(`Expected one certificate in the PEM text, found ${certificates.length}`);
  }
  return certificates[0];
}

/** All CERTIFICATE blocks of a PEM text (other blocks, e.g. keys, are ignored); a broken certificate block is an error. */
export function parsePemBundle(text: string): ParsedCertificate[] {
  if (inputSize(text) > MAX_PEM_BUNDLE_BYTES) {
    throw new CertificateFormatError(`PEM bundle is ${inputSize(text)} bytes; at most ${MAX_PEM_BUNDLE_BYTES} are accepted`);
  }
  const certificates: ParsedCertificate[] = [];
  for (const result of readPemBlocks(text)) {
    if (result.label !== 'CERTIFICATE' && result.label !== 'X509 CERTIFICATE') continue;
    if (!result.ok) throw new CertificateFormatError(`Certificate ${certificates.length + 1} in the PEM text: ${result.reason}`);
    try {
      certificates.push(parseCertificateDer(result.block.der));
    } catch (error) {
      if (error instanceof CertificateFormatError) {
        throw new CertificateFormatError(`Certificate ${certificates.length + 1} in the PEM text: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
  return certificates;
}

function serialToHex(serial: ArrayBuffer): string {
  const bytes = new Uint8Array(serial);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return Buffer.from(bytes.subarray(start)).toString('hex').toUpperCase();
}

/** KeyUsage bits in RFC 5280 bit order (bit 0 digitalSignature first). */
const KEY_USAGE_BITS: KeyUsageType[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'crlSign',
  'encipherOnly',
  'decipherOnly',
];

function keyUsageNames(keyUsage: KeyUsage): KeyUsageType[] {
  const flags = keyUsage.toNumber();
  return KEY_USAGE_BITS.filter((_name, bit) => (flags & (1 << bit)) !== 0);
}

/** Colon-separated upper-case hex, the way fingerprints are read out over the phone. */
export function colonHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase().match(/../g)?.join(':') ?? '';
}

function extensionValue<T>(extensions: Extension[], oid: string, type: new () => T): T | undefined {
  const extension = extensions.find((e) => e.extnID === oid);
  if (!extension) return undefined;
  try {
    return AsnConvert.parse(extension.extnValue.buffer, type);
  } catch (cause) {
    throw new CertificateFormatError(`Extension ${oid} is malformed: ${describeCause(cause)}`, { cause });
  }
}

/** Parses DER bytes of one certificate. */
export function parseCertificateDer(der: Uint8Array): ParsedCertificate {
  if (der.byteLength > MAX_CERTIFICATE_BYTES) {
    throw new CertificateFormatError(`Certificate is ${der.byteLength} bytes; at most ${MAX_CERTIFICATE_BYTES} are accepted`);
  }
  const tbsDer = firstElementOfSequence(der);
  if (!tbsDer) throw new CertificateFormatError('Bytes are not a DER certificate (not one complete SEQUENCE)');
  let asn: Certificate;
  try {
    asn = AsnConvert.parse(der, Certificate);
  } catch (cause) {
    throw new CertificateFormatError(`Bytes are not an X.509 certificate: ${describeCause(cause)}`, { cause });
  }
  const tbs = asn.tbsCertificate;
  const extensions = [...(tbs.extensions ?? [])];
  const seen = new Set<string>();
  for (const extension of extensions) {
    if (seen.has(extension.extnID)) throw new CertificateFormatError(`Extension ${extension.extnID} appears twice`);
    seen.add(extension.extnID);
  }
  let publicKey: KeyObject;
  try {
    const spki = Buffer.from(AsnConvert.serialize(tbs.subjectPublicKeyInfo));
    publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch (cause) {
    throw new CertificateFormatError(`The certificate's public key is unsupported or malformed: ${describeCause(cause)}`, { cause });
  }
  const basicConstraints = extensionValue(extensions, id_ce_basicConstraints, BasicConstraints);
  const keyUsage = extensionValue(extensions, id_ce_keyUsage, KeyUsage);
  const extKeyUsage = extensionValue(extensions, id_ce_extKeyUsage, ExtendedKeyUsage);
  const san = extensionValue(extensions, id_ce_subjectAltName, SubjectAlternativeName);
  const skid = extensionValue(extensions, id_ce_subjectKeyIdentifier, SubjectKeyIdentifier);
  const akid = extensionValue(extensions, id_ce_authorityKeyIdentifier, AuthorityKeyIdentifier);
  return {
    der: new Uint8Array(der),
    asn,
    tbsDer: new Uint8Array(tbsDer),
    subject: nameToString(tbs.subject),
    subjectName: tbs.subject,
    issuer: nameToString(tbs.issuer),
    issuerName: tbs.issuer,
    serialHex: serialToHex(tbs.serialNumber),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    publicKey,
    subjectKeyIdentifier: skid ? new Uint8Array(skid.buffer) : undefined,
    authorityKeyIdentifier: akid?.keyIdentifier ? new Uint8Array(akid.keyIdentifier.buffer) : undefined,
    basicConstraints: basicConstraints ? { ca: basicConstraints.cA, pathLength: basicConstraints.pathLenConstraint } : undefined,
    keyUsage: keyUsage ? keyUsageNames(keyUsage) : undefined,
    extKeyUsage: extKeyUsage ? [...extKeyUsage] : undefined,
    sans: san ? generalNamesToSanList(san) : emptySanList(),
    sha256Fingerprint: colonHex(createHash('sha256').update(der).digest()),
    signatureAlgorithm: asn.signatureAlgorithm,
  };
}

/**
 * True when `certificate` carries a valid signature by `issuerPublicKey`. False also when the
 * signature algorithm is unknown or does not fit the key: either way the certificate is not proven.
 */
export function verifyCertificateSignature(certificate: ParsedCertificate, issuerPublicKey: KeyObject): boolean {
  const inner = certificate.asn.tbsCertificate.signature;
  const outer = certificate.asn.signatureAlgorithm;
  if (!Buffer.from(AsnConvert.serialize(inner)).equals(Buffer.from(AsnConvert.serialize(outer)))) return false;
  try {
    return verifyWithAlgorithm(certificate.tbsDer, new Uint8Array(certificate.asn.signatureValue), issuerPublicKey, outer);
  } catch {
    return false;
  }
}

/** True when subject and issuer are the same name (RFC 5280 7.1 comparison), i.e. the certificate is self-issued. */
export function isSelfIssued(certificate: ParsedCertificate): boolean {
  return namesEqual(certificate.subjectName, certificate.issuerName);
}
