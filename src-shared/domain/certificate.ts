import { z } from 'zod';
import { derBase64, objectId, timestamp } from './common';

/** current: in use; past: replaced by a renewal; deleted: removed (expired or by the administrator). */
export const certificateStatus = z.enum(['current', 'past', 'deleted'], { error: 'must be current, past or deleted' });
export type CertificateStatus = z.infer<typeof certificateStatus>;

/** How a certificate version came to exist. */
export const certificateOrigin = z.enum(['ir', 'cr', 'kur', 'p10cr', 'import'], { error: 'must be ir, cr, kur, p10cr or import' });
export type CertificateOrigin = z.infer<typeof certificateOrigin>;

/** One certificate version of a record; every version is kept so the timeline shows its history. */
export const certificateSchema = z
  .object({
    id: objectId,
    recordId: objectId,
    status: certificateStatus,
    origin: certificateOrigin,
    /** The serial number, lowercase hex without leading zero bytes. */
    serialNumber: z.string().regex(/^[0-9a-f]+$/, { error: 'must be lowercase hex' }),
    subject: z.string(),
    issuer: z.string(),
    notBefore: timestamp,
    notAfter: timestamp,
    sha256Fingerprint: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits (SHA-256)' }),
    certificateDer: derBase64,
    /** Issuer chain from the issuing CA upwards, each DER in base64. */
    chainDer: z.array(derBase64),
    /** The encrypted private key that belongs to this certificate, if we hold it. */
    privateKeyId: objectId.nullable(),
    obtainedAt: timestamp,
  })
  .refine((c) => c.notBefore <= c.notAfter, { error: 'must not be later than notAfter', path: ['notBefore'] });
export type Certificate = z.infer<typeof certificateSchema>;
