import { createHash, type KeyObject } from 'node:crypto';
import { AlgorithmIdentifier, Certificate, Name } from '@peculiar/asn1-x509';
import { CertificateFormatError, describeCause } from './errors';
import { firstElementOfSequence } from './der';
import { publicKeyFromSpki } from './keys';
import { MAX_CERTIFICATE_BYTES, MAX_PEM_BUNDLE_BYTES } from './limits';
import { namesEqual, nameToString } from './names';
import { inputSize, looksLikePem, pemText, readPemBlocks } from './pem';
import { verifyWithAlgorithm } from './signature_algorithms';
import { readExtensionValues, type ExtensionValues } from './extension_values';
import { parseDer, serializeDer } from './asn1_codec';

/** A decoded X.509 certificate: the fields cmp-desk reads, plus the exact DER and the ASN.1 structure. */
export interface ParsedCertificate extends ExtensionValues {
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

/** Colon-separated upper-case hex, the way fingerprints are read out over the phone. */
export function colonHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase().match(/../g)?.join(':') ?? '';
}

/** Parses DER bytes of one certificate. */
export function parseCertificateDer(der: Uint8Array): ParsedCertificate {
  if (der.byteLength > MAX_CERTIFICATE_BYTES) {
    throw new CertificateFormatError(`Certificate is ${der.byteLength} bytes; at most ${MAX_CERTIFICATE_BYTES} are accepted`);
  }
  if (!firstElementOfSequence(der)) throw new CertificateFormatError('Bytes are not a DER certificate (not one complete SEQUENCE)');
  let asn: Certificate;
  try {
    asn = parseDer(der, Certificate);
  } catch (cause) {
    throw new CertificateFormatError(`Bytes are not an X.509 certificate: ${describeCause(cause)}`, { cause });
  }
  return certificateFromAsn(der, asn);
}

/**
 * Describes a certificate whose DER was already decoded (e.g. inside a CMP message) without parsing
 * it a second time. `der` must be the exact bytes `asn` was decoded from (or encodes to);
 * `knownPublicKey`, when the caller holds the certified key already, spares importing it again.
 */
export function certificateFromAsn(der: Uint8Array, asn: Certificate, knownPublicKey?: KeyObject): ParsedCertificate {
  if (der.byteLength > MAX_CERTIFICATE_BYTES) {
    throw new CertificateFormatError(`Certificate is ${der.byteLength} bytes; at most ${MAX_CERTIFICATE_BYTES} are accepted`);
  }
  const tbsDer = firstElementOfSequence(der);
  if (!tbsDer) throw new CertificateFormatError('Bytes are not a DER certificate (not one complete SEQUENCE)');
  const tbs = asn.tbsCertificate;
  let publicKey: KeyObject;
  if (knownPublicKey) publicKey = knownPublicKey;
  else try {
    publicKey = publicKeyFromSpki(new Uint8Array(serializeDer(tbs.subjectPublicKeyInfo)));
  } catch (cause) {
    throw new CertificateFormatError(`The certificate's public key is unsupported or malformed: ${describeCause(cause)}`, { cause });
  }
  const values = readExtensionValues([...(tbs.extensions ?? [])], (message, cause) => new CertificateFormatError(message, { cause }));
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
    ...values,
    sha256Fingerprint: colonHex(createHash('sha256').update(der).digest()),
    signatureAlgorithm: asn.signatureAlgorithm,
  };
}

/**
 * True when `certificate` carries a valid signature by `issuerPublicKey`. False also when the
 * signature algorithm is unknown or does not fit the key: either way the certificate is not proven.
 */
export function verifyCertificateSignature(certificate: ParsedCertificate, issuerPublicKey: KeyObject): boolean {
  const verified = verifiedSignatures.get(issuerPublicKey);
  if (verified?.has(certificate.sha256Fingerprint)) return true;
  const inner = certificate.asn.tbsCertificate.signature;
  const outer = certificate.asn.signatureAlgorithm;
  if (!Buffer.from(serializeDer(inner)).equals(Buffer.from(serializeDer(outer)))) return false;
  let valid: boolean;
  try {
    valid = verifyWithAlgorithm(certificate.tbsDer, new Uint8Array(certificate.asn.signatureValue), issuerPublicKey, outer);
  } catch {
    return false;
  }
  if (valid) rememberVerified(issuerPublicKey, certificate.sha256Fingerprint);
  return valid;
}

/**
 * Certificates (by SHA-256 of their DER) whose signature each issuer key has verified: the CA
 * certificates of a chain come with every CMP response, and a signature over fixed bytes with a
 * fixed key never changes its verdict. Validity, revocation and the rest are still checked per use.
 */
const verifiedSignatures = new WeakMap<KeyObject, Set<string>>();
const MAX_VERIFIED_PER_KEY = 256;

function rememberVerified(issuerPublicKey: KeyObject, fingerprint: string): void {
  let verified = verifiedSignatures.get(issuerPublicKey);
  if (!verified) verifiedSignatures.set(issuerPublicKey, (verified = new Set()));
  if (verified.size >= MAX_VERIFIED_PER_KEY) verified.delete(verified.values().next().value as string);
  verified.add(fingerprint);
}

/** True when subject and issuer are the same name (RFC 5280 7.1 comparison), i.e. the certificate is self-issued. */
export function isSelfIssued(certificate: ParsedCertificate): boolean {
  return namesEqual(certificate.subjectName, certificate.issuerName);
}
