import { createPublicKey, type KeyObject } from 'node:crypto';
import { Attributes, CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { ExtensionRequest, id_pkcs9_at_extensionRequest } from '@peculiar/asn1-pkcs9';
import { AlgorithmIdentifier, Attribute, Extension, KeyUsageType, Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { firstElementOfSequence } from './der';
import { CsrFormatError, describeCause } from './errors';
import { readExtensionValues, type ExtensionValues } from './extension_values';
import { extendedKeyUsageExtension, keyUsageExtension, subjectAltNameExtension } from './extensions';
import { publicKeyDer, type KeyPair } from './keys';
import { MAX_CSR_BYTES } from './limits';
import { nameToString } from './names';
import { inputSize, looksLikePem, pemText, readPemBlocks, toPem } from './pem';
import { signatureAlgorithmFor, signWithAlgorithm, verifyWithAlgorithm, type SignatureAlgorithmOptions } from './signature_algorithms';
import type { SanList } from './subject_alt_names';
import { parseDer, serializeDer } from './asn1_codec';

/** PKCS#10 certificate requests (RFC 2986): what p10cr sends and what the lab CA receives. */

export interface CsrRequest {
  subject: Name;
  keyPair: KeyPair;
  sans?: SanList;
  keyUsage?: KeyUsageType[];
  /** EKU names ("serverAuth") or OIDs. */
  extendedKeyUsage?: string[];
  signature?: SignatureAlgorithmOptions;
}

export interface ParsedCsr extends ExtensionValues {
  der: Uint8Array;
  asn: CertificationRequest;
  subject: string;
  subjectName: Name;
  publicKey: KeyObject;
  /** Every requested extension, including ones we do not decode. */
  extensions: Extension[];
  signatureAlgorithm: AlgorithmIdentifier;
}

/** Builds and signs a CSR; returns its DER. Extensions go into one extensionRequest attribute. */
export function buildCsr(request: CsrRequest): Uint8Array {
  const extensions: Extension[] = [];
  if (request.sans && Object.values(request.sans).some((values) => values.length > 0)) {
    extensions.push(subjectAltNameExtension(request.sans, request.subject.length === 0));
  }
  if (request.keyUsage?.length) extensions.push(keyUsageExtension(request.keyUsage));
  if (request.extendedKeyUsage?.length) extensions.push(extendedKeyUsageExtension(request.extendedKeyUsage));
  const attributes = new Attributes(
    extensions.length === 0
      ? []
      : [new Attribute({ type: id_pkcs9_at_extensionRequest, values: [serializeDer(new ExtensionRequest(extensions))] })],
  );
  const info = new CertificationRequestInfo({
    version: 0,
    subject: request.subject,
    subjectPKInfo: parseDer(publicKeyDer(request.keyPair.publicKey), SubjectPublicKeyInfo),
    attributes,
  });
  const infoDer = new Uint8Array(serializeDer(info));
  const signatureAlgorithm = signatureAlgorithmFor(request.keyPair.privateKey, request.signature);
  const signature = signWithAlgorithm(infoDer, request.keyPair.privateKey, signatureAlgorithm);
  const csr = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm,
    signature: signature.buffer.slice(signature.byteOffset, signature.byteOffset + signature.byteLength) as ArrayBuffer,
  });
  return new Uint8Array(serializeDer(csr));
}

/** PEM ("CERTIFICATE REQUEST") of CSR DER. */
export function csrToPem(der: Uint8Array): string {
  return toPem(der, 'CERTIFICATE REQUEST');
}

function csrDer(input: string | Uint8Array): Uint8Array {
  if (inputSize(input) > MAX_CSR_BYTES * 2) throw new CsrFormatError(`CSR input is larger than ${MAX_CSR_BYTES * 2} bytes`);
  if (!looksLikePem(input)) {
    if (typeof input === 'string') throw new CsrFormatError('CSR text is not PEM (no "-----BEGIN CERTIFICATE REQUEST-----")');
    return input;
  }
  const blocks = readPemBlocks(pemText(input)).filter((b) => b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST');
  if (blocks.length !== 1) throw new CsrFormatError(`Expected one CERTIFICATE REQUEST block, found ${blocks.length}`);
  const [block] = blocks;
  if (!block.ok) throw new CsrFormatError(`The CERTIFICATE REQUEST block: ${block.reason}`);
  return block.block.der;
}

function requestedExtensions(info: CertificationRequestInfo): Extension[] {
  const attributes = (info.attributes ?? []).filter((a) => a.type === id_pkcs9_at_extensionRequest);
  if (attributes.length > 1 || (attributes.length === 1 && attributes[0].values.length !== 1)) {
    throw new CsrFormatError('The CSR must carry at most one extensionRequest attribute with one value');
  }
  if (attributes.length === 0) return [];
  try {
    return [...parseDer(attributes[0].values[0], ExtensionRequest)];
  } catch (cause) {
    throw new CsrFormatError(`The CSR extensionRequest is malformed: ${describeCause(cause)}`, { cause });
  }
}

/** Parses a CSR (PEM or DER) and verifies its self-signature (proof of possession); throws CsrFormatError otherwise. */
export function parseCsr(input: string | Uint8Array): ParsedCsr {
  const der = csrDer(input);
  if (der.byteLength > MAX_CSR_BYTES) throw new CsrFormatError(`CSR is ${der.byteLength} bytes; at most ${MAX_CSR_BYTES} are accepted`);
  const infoDer = firstElementOfSequence(der);
  if (!infoDer) throw new CsrFormatError('Bytes are not a DER CSR (not one complete SEQUENCE)');
  let asn: CertificationRequest;
  let publicKey: KeyObject;
  try {
    asn = parseDer(der, CertificationRequest);
    publicKey = createPublicKey({
      key: Buffer.from(serializeDer(asn.certificationRequestInfo.subjectPKInfo)),
      format: 'der',
      type: 'spki',
    });
  } catch (cause) {
    throw new CsrFormatError(`Bytes are not a PKCS#10 certificate request: ${describeCause(cause)}`, { cause });
  }
  const info = asn.certificationRequestInfo;
  if (info.version !== 0) throw new CsrFormatError(`CSR version ${info.version} is not v1 (0)`);
  let verified: boolean;
  try {
    verified = verifyWithAlgorithm(infoDer, new Uint8Array(asn.signature), publicKey, asn.signatureAlgorithm);
  } catch (cause) {
    throw new CsrFormatError(`The CSR signature cannot be checked: ${describeCause(cause)}`, { cause });
  }
  if (!verified) throw new CsrFormatError('The CSR signature does not verify with the public key it carries');
  const extensions = requestedExtensions(info);
  return {
    der: new Uint8Array(der),
    asn,
    subject: nameToString(info.subject),
    subjectName: info.subject,
    publicKey,
    extensions,
    signatureAlgorithm: asn.signatureAlgorithm,
    ...readExtensionValues(extensions, (message, cause) => new CsrFormatError(message, { cause })),
  };
}
