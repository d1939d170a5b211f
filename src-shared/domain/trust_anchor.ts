import { z } from 'zod';
import { derBase64, objectId, objectName, timestamp } from './common';

/** An imported root or issuing CA certificate the administrator verified out of band. */
export const trustAnchorSchema = z.object({
  id: objectId,
  name: objectName,
  /** The certificate, DER in base64. */
  certificateDer: derBase64,
  /** SHA-256 over the DER, lowercase hex, shown for out-of-band comparison. */
  sha256Fingerprint: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits (SHA-256)' }),
  subject: z.string().min(1, { error: 'must not be empty' }),
  notAfter: timestamp,
  importedAt: timestamp,
});
export type TrustAnchor = z.infer<typeof trustAnchorSchema>;
