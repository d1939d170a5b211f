import type { CaInspection, CertificateFile, CertificateView } from '../../../src-shared/ipc';
import {
  parseCertificateDer,
  parsePemBundle,
  parsePkcs7Certificates,
  CertificateFormatError,
  toPem,
  trustAnchorProblem,
  validateChain,
  type ParsedCertificate,
} from '../../pki';
import { ObjectNotFoundError } from '../../store';
import { certificateDetails } from './certificate_details';
import type { UiContext } from './ui_context';

function fileInput(file: CertificateFile): string | Uint8Array {
  return 'text' in file ? file.text : new Uint8Array(Buffer.from(file.base64, 'base64'));
}

/** PEM (one or many certificates, or a PKCS#7 block), DER certificate or DER PKCS#7. */
function readCertificates(input: string | Uint8Array): ParsedCertificate[] {
  const text = typeof input === 'string' ? input : Buffer.from(input.subarray(0, 64 * 1024)).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const pem = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
    return /-----BEGIN (PKCS7|CMS)-----/.test(pem) ? parsePkcs7Certificates(pem) : parsePemBundle(pem);
  }
  if (typeof input === 'string') throw new CertificateFormatError('The pasted text holds no "-----BEGIN CERTIFICATE-----" block');
  try {
    return [parseCertificateDer(input)];
  } catch (error) {
    try {
      return parsePkcs7Certificates(input);
    } catch {
      throw error;
    }
  }
}

/** Checks a CA file as a trust anchor without storing it: the wizard's step 1 and the Trust screen. */
export function inspectCaFile(file: CertificateFile, now: Date): CaInspection {
  let certificates: ParsedCertificate[];
  try {
    certificates = readCertificates(fileInput(file));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { certificates: [], error: `This is not a certificate file cmp-desk can read: ${reason}. Choose the CA certificate as PEM, DER or a PKCS#7 bundle (.pem, .crt, .cer, .der, .p7b).` };
  }
  if (certificates.length === 0) return { certificates: [], error: 'The file holds no certificate. Choose the CA certificate as PEM, DER or a PKCS#7 bundle.' };
  return {
    certificates: certificates.map((c) => {
      const problem = trustAnchorProblem(c, now);
      return { details: certificateDetails(c), pem: toPem(c.der, 'CERTIFICATE'), problem: problem === undefined ? null : `This certificate cannot be a trust anchor: ${problem}. Ask the CA operator for the CA certificate itself.` };
    }),
    error: null,
  };
}

/** A stored certificate decoded, with its chain validated against the imported trust anchors. */
export function certificateView(context: UiContext, certificateId: string): CertificateView {
  const store = context.config.store;
  const certificate = store.certificates.get(certificateId);
  if (certificate === null) throw new ObjectNotFoundError('certificate', certificateId);
  const leaf = parseCertificateDer(Buffer.from(certificate.certificateDer, 'base64'));
  const chain = certificate.chainDer.map((der) => parseCertificateDer(Buffer.from(der, 'base64')));
  const anchors = store.config.trustAnchors.list().map((a) => parseCertificateDer(Buffer.from(a.certificateDer, 'base64')));
  const at = context.now();
  const result = validateChain(leaf, { trustAnchors: anchors, intermediates: chain, at: at.getTime() > leaf.notAfter.getTime() ? leaf.notAfter : at });
  const anchorPrints = new Set(anchors.map((a) => a.sha256Fingerprint));
  const path = result.ok ? result.path : [leaf, ...chain];
  return {
    certificate,
    details: certificateDetails(leaf),
    validation: {
      valid: result.ok,
      message: result.ok
        ? `The chain validates to the trust anchor "${path[path.length - 1].subject}"`
        : result.message,
      chain: path.map((c) => ({ subject: c.subject, notAfter: c.notAfter.toISOString(), sha256Fingerprint: c.sha256Fingerprint, trustAnchor: anchorPrints.has(c.sha256Fingerprint) })),
    },
    pem: [leaf, ...chain].map((c) => toPem(c.der, 'CERTIFICATE')).join(''),
  };
}

export function certificateHandlers(context: UiContext) {
  return {
    'certificates.get': ({ certificateId }: { certificateId: string }) => certificateView(context, certificateId),
    'certificates.inspectCa': ({ file }: { file: CertificateFile }) => inspectCaFile(file, context.now()),
  };
}
