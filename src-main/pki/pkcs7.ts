import {
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  id_data,
  id_signedData,
  SignedData,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { Certificate } from '@peculiar/asn1-x509';
import { CertificateFormatError, describeCause, Pkcs7FormatError, PkiError } from './errors';
import { parseCertificateDer, type ParsedCertificate } from './certificate';
import { MAX_PEM_BUNDLE_BYTES } from './limits';
import { inputSize, looksLikePem, pemText, readPemBlocks, toPem } from './pem';
import { parseDer, serializeDer } from './asn1_codec';

/** PKCS#7 / CMS "certs-only" bundles (.p7b, .p7c): SignedData with certificates and no signers (RFC 5652, RFC 8551 3.2.2). */

/** Reads the certificates of a certs-only bundle, PEM ("PKCS7" or "CMS") or DER. */
export function parsePkcs7Certificates(input: string | Uint8Array): ParsedCertificate[] {
  if (inputSize(input) > MAX_PEM_BUNDLE_BYTES) {
    throw new Pkcs7FormatError(`PKCS#7 input is ${inputSize(input)} bytes; at most ${MAX_PEM_BUNDLE_BYTES} are accepted`);
  }
  return certificatesOf(pkcs7Der(input));
}

function pkcs7Der(input: string | Uint8Array): Uint8Array {
  if (!looksLikePem(input)) {
    if (typeof input === 'string') throw new Pkcs7FormatError('PKCS#7 text is not PEM (no "-----BEGIN PKCS7-----")');
    return input;
  }
  const blocks = readPemBlocks(pemText(input)).filter((b) => b.label === 'PKCS7' || b.label === 'CMS');
  if (blocks.length !== 1) throw new Pkcs7FormatError(`Expected one PKCS7 block, found ${blocks.length}`);
  const [block] = blocks;
  if (!block.ok) throw new Pkcs7FormatError(`The PKCS7 block: ${block.reason}`);
  return block.block.der;
}

function certificatesOf(der: Uint8Array): ParsedCertificate[] {
  let signedData: SignedData;
  try {
    const contentInfo = parseDer(der, ContentInfo);
    if (contentInfo.contentType !== id_signedData) {
      throw new Pkcs7FormatError(`PKCS#7 content type is ${contentInfo.contentType}, expected signedData (${id_signedData})`);
    }
    signedData = parseDer(contentInfo.content, SignedData);
  } catch (cause) {
    if (cause instanceof Pkcs7FormatError) throw cause;
    throw new Pkcs7FormatError(`Bytes are not a PKCS#7 SignedData bundle: ${describeCause(cause)}`, { cause });
  }
  return (signedData.certificates ?? [])
    .filter((choice) => choice.certificate !== undefined)
    .map((choice, index) => {
      try {
        return parseCertificateDer(new Uint8Array(serializeDer(choice.certificate)));
      } catch (cause) {
        if (cause instanceof CertificateFormatError) {
          throw new Pkcs7FormatError(`Certificate ${index + 1} in the PKCS#7 bundle: ${cause.message}`, { cause });
        }
        if (cause instanceof PkiError) throw cause;
        // Re-encoding a decoded certificate re-parses its untrusted parts and may throw a plain Error (fuzz finding).
        throw new Pkcs7FormatError(`Certificate ${index + 1} in the PKCS#7 bundle cannot be read: ${describeCause(cause)}`, { cause });
      }
    });
}

/** A certs-only PKCS#7 bundle (DER) holding the certificates in the given order. */
export function exportPkcs7(certificates: readonly ParsedCertificate[]): Uint8Array {
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers(),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet(
      certificates.map((c) => new CertificateChoices({ certificate: parseDer(c.der, Certificate) })),
    ),
    signerInfos: new SignerInfos(),
  });
  const contentInfo = new ContentInfo({ contentType: id_signedData, content: serializeDer(signedData) });
  return new Uint8Array(serializeDer(contentInfo));
}

/** PEM ("PKCS7") of a bundle, as `openssl crl2pkcs7` writes it. */
export function exportPkcs7Pem(certificates: readonly ParsedCertificate[]): string {
  return toPem(exportPkcs7(certificates), 'PKCS7');
}
