import { z } from 'zod';
import { digestAlgorithm, objectId, objectName } from './common';
import { extendedKeyUsage, keyAlgorithm, keyUsage, uniqueList } from './key_spec';

/** What the certificate is for (reference/000's applications), used for grouping and filters. */
export const certificatePurpose = z.enum(['sip-interface', 'ike-interface', 'management', 'sdm-acp', 'stir', 'tls-client', 'other'], {
  error: 'must be sip-interface, ike-interface, management, sdm-acp, stir, tls-client or other',
});
export type CertificatePurpose = z.infer<typeof certificatePurpose>;

const dnPart = (max: number) =>
  z.string().trim().min(1, { error: 'must not be empty when set' }).max(max, { error: `must be at most ${max} characters` }).optional();

/** Subject DN parts in reference/000's order; changing any of them triggers an IR. */
export const subjectDnSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be a two-letter ISO 3166 country code, e.g. DE' }).optional(),
    state: dnPart(128),
    locality: dnPart(128),
    organization: dnPart(64),
    organizationalUnit: dnPart(64),
    commonName: dnPart(64),
    emailAddress: z.email({ error: 'must be an e-mail address' }).optional(),
  })
  .refine((dn) => Object.values(dn).some((v) => v !== undefined), { error: 'must contain at least one subject field' });
export type SubjectDn = z.infer<typeof subjectDnSchema>;

/** One subjectAltName entry. */
export const subjectAltNameSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('dns'), value: z.string().regex(/^(\*\.)?([A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}$/, { error: 'must be a DNS name' }) }),
    z.object({ type: z.literal('ip'), value: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' }) }),
    z.object({ type: z.literal('uri'), value: z.url({ error: 'must be a URI' }) }),
    z.object({ type: z.literal('email'), value: z.email({ error: 'must be an e-mail address' }) }),
  ],
  { error: 'must be a dns, ip, uri or email name' },
);
export type SubjectAltName = z.infer<typeof subjectAltNameSchema>;

/** A command run after a new certificate is put into use (like certbot's deploy hooks). */
export const deployHookSchema = z.object({
  /** Absolute path of the program; no shell is involved. */
  command: z.string().regex(/^(\/|[A-Za-z]:\\)/, { error: 'must be an absolute path to a program' }),
  args: z.array(z.string()),
});
export type DeployHook = z.infer<typeof deployHookSchema>;

/**
 * The folder the administrator chose for a record's deployed files (cert, key, chain, full chain).
 * Absolute so it never depends on the working directory of whichever host runs the engine.
 */
export const deployFolderSchema = z
  .string()
  .regex(/^(\/|[A-Za-z]:\\)/, { error: 'must be an absolute path to a folder' })
  .max(1024, { error: 'must be at most 1024 characters' })
  .refine((path) => !path.includes('\0'), { error: 'must not contain a NUL character' })
  .refine((path) => !path.split(/[\\/]/).includes('..'), { error: 'must not contain ".." segments' });

/** certificate-record: the certificate the administrator wants to exist, and how it is kept alive. */
export const certificateRecordSchema = z
  .object({
    id: objectId,
    name: objectName,
    purpose: certificatePurpose,
    subject: subjectDnSchema,
    subjectAltNames: z.array(subjectAltNameSchema).max(100, { error: 'must list at most 100 names' }),
    keyAlgorithm,
    keyUsage: uniqueList(keyUsage),
    extendedKeyUsage: uniqueList(extendedKeyUsage),
    digest: digestAlgorithm,
    /** cmp: the lifecycle keeps it alive; manual: the administrator does, and it is never deleted automatically. */
    managedBy: z.enum(['cmp', 'manual'], { error: 'must be cmp or manual' }),
    cmpProfileId: objectId.nullable(),
    deployHooks: z.array(deployHookSchema).max(10, { error: 'must list at most 10 hooks' }),
    /** Where the files are written after each renewal; without it, a folder per record in the data folder, and only when a hook runs. */
    deployFolder: deployFolderSchema.optional(),
  })
  .refine((r) => r.managedBy === 'manual' || r.cmpProfileId !== null, {
    error: 'must name a CMP profile when the record is managed by CMP',
    path: ['cmpProfileId'],
  });
export type CertificateRecord = z.infer<typeof certificateRecordSchema>;
