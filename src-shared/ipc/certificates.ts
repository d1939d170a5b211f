import { z } from 'zod';
import { certificateSchema, objectId } from '../domain';
import { command } from './define';

/** One extension as the detail view lists it: what it is, whether critical, its value in words. */
export const extensionViewSchema = z.object({
  oid: z.string(),
  name: z.string(),
  critical: z.boolean(),
  value: z.string().max(4_000),
});

/** A certificate decoded for display: every field an administrator compares or copies. */
export const certificateDetailsSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  subjectAltNames: z.array(z.string()),
  publicKey: z.string(),
  signatureAlgorithm: z.string(),
  keyUsage: z.array(z.string()),
  extendedKeyUsage: z.array(z.string()),
  isCa: z.boolean(),
  selfSigned: z.boolean(),
  extensions: z.array(extensionViewSchema),
  sha256Fingerprint: z.string(),
  sha1Fingerprint: z.string(),
});
export type CertificateDetails = z.infer<typeof certificateDetailsSchema>;

/** The result of RFC 5280 path validation against the imported trust anchors, in words. */
export const chainValidationViewSchema = z.object({
  valid: z.boolean(),
  message: z.string(),
  chain: z.array(z.object({ subject: z.string(), notAfter: z.iso.datetime(), sha256Fingerprint: z.string(), trustAnchor: z.boolean() })),
});
export type ChainValidationView = z.infer<typeof chainValidationViewSchema>;

export const certificateViewSchema = z.object({
  certificate: certificateSchema,
  details: certificateDetailsSchema,
  validation: chainValidationViewSchema,
  /** Leaf then chain, PEM; public material only. */
  pem: z.string(),
});
export type CertificateView = z.infer<typeof certificateViewSchema>;

/** A file the administrator picked, dropped or pasted: text (PEM) or base64 of binary (DER, PKCS#7). */
export const certificateFileSchema = z.union([
  z.object({ text: z.string().min(1, { error: 'is empty' }).max(2_000_000) }),
  z.object({ base64: z.base64().min(1, { error: 'is empty' }).max(3_000_000) }),
]);
export type CertificateFile = z.infer<typeof certificateFileSchema>;

/** What a CA file holds, checked as a trust anchor without storing anything. */
export const inspectedCaSchema = z.object({
  details: certificateDetailsSchema,
  /** Why it cannot be a trust anchor; null when it can. */
  problem: z.string().nullable(),
  /** The certificate as PEM, whatever form the file had, so drafts and forms keep text. */
  pem: z.string(),
});
export const caInspectionSchema = z.object({
  certificates: z.array(inspectedCaSchema),
  /** The whole file could not be read as certificates: what was wrong and what to do. */
  error: z.string().nullable(),
});
export type CaInspection = z.infer<typeof caInspectionSchema>;

export const certificateCommands = {
  'certificates.get': command(z.object({ certificateId: objectId }).strict(), certificateViewSchema),
  'certificates.inspectCa': command(z.object({ file: certificateFileSchema }).strict(), caInspectionSchema),
};
