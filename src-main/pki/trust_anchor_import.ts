import { isSelfIssued, parseCertificateDer, parsePemBundle, verifyCertificateSignature, type ParsedCertificate } from './certificate';
import { readTlv } from './der';
import { PkiError, TrustAnchorError } from './errors';
import { MAX_PEM_BUNDLE_BYTES } from './limits';
import { inputSize, looksLikePem, pemText } from './pem';
import { parsePkcs7Certificates } from './pkcs7';

/**
 * Importing trust anchors (root or issuing CA certificates) from the files administrators get:
 * PEM (one or many), DER, or a PKCS#7 bundle. Every certificate is checked before any is accepted.
 */

export interface ImportedTrustAnchor {
  certificate: ParsedCertificate;
  subject: string;
  /** Shown for out-of-band verification (DESIGN.md TrustAnchor). */
  sha256Fingerprint: string;
  /** A self-signed root rather than an issuing CA. */
  selfSigned: boolean;
}

/** Content type OID DER bytes of PKCS#7 signedData, to tell a DER bundle from a DER certificate. */
const SIGNED_DATA_OID_DER = Buffer.from('06092a864886f70d010702', 'hex');

function looksLikeDerPkcs7(der: Uint8Array): boolean {
  const outer = readTlv(der, 0);
  if (!outer || outer.tag !== 0x30) return false;
  return Buffer.from(der.subarray(outer.contentStart, outer.contentStart + SIGNED_DATA_OID_DER.length)).equals(SIGNED_DATA_OID_DER);
}

function readCertificates(input: string | Uint8Array): ParsedCertificate[] {
  if (looksLikePem(input)) {
    const text = pemText(input);
    if (/-----BEGIN (PKCS7|CMS)-----/.test(text)) return parsePkcs7Certificates(text);
    return parsePemBundle(text);
  }
  if (typeof input === 'string') throw new TrustAnchorError('The text holds no PEM certificate or PKCS#7 bundle');
  return looksLikeDerPkcs7(input) ? parsePkcs7Certificates(input) : [parseCertificateDer(input)];
}

/** Why a certificate cannot be a trust anchor at `at`, or undefined when it can. */
export function trustAnchorProblem(certificate: ParsedCertificate, at: Date = new Date()): string | undefined {
  const selfSigned = isSelfIssued(certificate);
  const legacyRoot = selfSigned && certificate.asn.tbsCertificate.version === 0;
  if (!legacyRoot && !certificate.basicConstraints?.ca) return 'it is not a CA certificate (basicConstraints cA is not set)';
  if (certificate.keyUsage && !certificate.keyUsage.includes('keyCertSign')) return 'its keyUsage does not allow signing certificates (keyCertSign)';
  if (selfSigned && !verifyCertificateSignature(certificate, certificate.publicKey)) return 'its self-signature does not verify';
  if (at.getTime() > certificate.notAfter.getTime()) return `it expired at ${certificate.notAfter.toISOString()}`;
  if (at.getTime() < certificate.notBefore.getTime()) return `it is not valid before ${certificate.notBefore.toISOString()}`;
  return undefined;
}

/**
 * Reads and checks trust anchors; throws TrustAnchorError naming the first unacceptable certificate.
 * Duplicates (same SHA-256 fingerprint) are returned once.
 */
export function importTrustAnchors(input: string | Uint8Array, options: { at?: Date } = {}): ImportedTrustAnchor[] {
  if (inputSize(input) > MAX_PEM_BUNDLE_BYTES) {
    throw new TrustAnchorError(`Trust anchor file is ${inputSize(input)} bytes; at most ${MAX_PEM_BUNDLE_BYTES} are accepted`);
  }
  let certificates: ParsedCertificate[];
  try {
    certificates = readCertificates(input);
  } catch (cause) {
    if (cause instanceof TrustAnchorError) throw cause;
    if (cause instanceof PkiError) {
      throw new TrustAnchorError(`The trust anchor file cannot be read: ${cause.message}`, { cause });
    }
    throw cause;
  }
  if (certificates.length === 0) throw new TrustAnchorError('The file holds no certificates');
  const anchors = new Map<string, ImportedTrustAnchor>();
  for (const certificate of certificates) {
    const problem = trustAnchorProblem(certificate, options.at);
    if (problem) throw new TrustAnchorError(`"${certificate.subject}" (SHA-256 ${certificate.sha256Fingerprint}) cannot be a trust anchor: ${problem}`);
    anchors.set(certificate.sha256Fingerprint, {
      certificate,
      subject: certificate.subject,
      sha256Fingerprint: certificate.sha256Fingerprint,
      selfSigned: isSelfIssued(certificate),
    });
  }
  return [...anchors.values()];
}
