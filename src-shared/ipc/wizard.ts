import { z } from 'zod';
import { objectId } from '../domain';
import { typedSecretSchema } from './connection';
import { command } from './define';

const text = (max = 2_000) => z.string().max(max);
const pem = z.string().max(2_000_000);

/**
 * The onboarding wizard's input exactly as typed, so Back never loses anything and the app can
 * resume after a restart. Fields stay text until the step is validated; no secret is ever in here.
 */
export const wizardDraftSchema = z.object({
  version: z.literal(1),
  step: z.number().int().min(1).max(7),
  /** Which way the first five steps were filled. */
  path: z.enum(['manual', 'lab']),
  /** Allocated at start: the IAK is stored in the keychain under it before the profile exists. */
  cmpProfileId: objectId,
  recordId: objectId,
  trust: z.object({ rootPem: pem, fileName: text(300), fingerprintConfirmed: z.boolean() }),
  server: z.object({
    name: text(128),
    url: text(),
    responseCa: z.enum(['root', 'file']),
    responseCaPem: pem,
    expectedSender: text(),
    messageTimeoutSeconds: text(10),
    totalTimeoutSeconds: text(10),
    pollingRetryCount: text(10),
    /** More servers of the group, in the order they are tried. */
    extraServers: z.array(z.object({ name: text(128), url: text() })).max(9),
  }),
  tls: z.object({
    trustedCa: z.enum(['root', 'file']),
    trustedCaPem: pem,
    minimumTlsVersion: z.enum(['TLSv1.2', 'TLSv1.3']),
    verifyHostName: z.boolean(),
  }),
  key: z.object({ reference: text(256), encoding: z.enum(['text', 'hex']), secretStored: z.boolean() }),
  profile: z.object({
    name: text(128),
    renewBeforeExpiryDays: text(10),
    kurWindowStart: text(5),
    kurWindowEnd: text(5),
    keyAlgorithm: text(20),
    digest: text(10),
    implicitConfirm: z.boolean(),
  }),
  record: z.object({
    name: text(128),
    purpose: text(30),
    country: text(2),
    state: text(128),
    locality: text(128),
    organization: text(64),
    organizationalUnit: text(64),
    commonName: text(64),
    emailAddress: text(256),
    /** One SAN per line: dns:host, ip:1.2.3.4, uri:https://…, email:a@b. */
    subjectAltNames: text(20_000),
    keyUsage: z.array(text(40)).max(9),
    extendedKeyUsage: z.array(text(100)).max(20),
  }),
  /** Set once the configuration was created; the enrollment then runs for this record. */
  finished: z.boolean(),
});
export type WizardDraft = z.infer<typeof wizardDraftSchema>;

/** What finishing created, and whether the first enrollment started. */
export const wizardFinishSchema = z.object({ recordId: objectId, message: z.string() });

export const wizardCommands = {
  'wizard.get': command(z.object({}).strict(), z.object({ draft: wizardDraftSchema.nullable(), configured: z.boolean(), secureCertificateMode: z.boolean() })),
  'wizard.save': command(z.object({ draft: wizardDraftSchema }).strict(), z.object({ savedAt: z.iso.datetime() })),
  'wizard.discard': command(z.object({}).strict(), z.object({ discarded: z.boolean() })),
  /** Step 4: puts the IAK into the OS keychain under the profile id; it never comes back. */
  'wizard.storeSecret': command(z.object({ cmpProfileId: objectId, secret: typedSecretSchema }).strict(), z.object({ stored: z.boolean(), strength: z.string() })),
  /** Step 7: creates every configuration object in one go and starts the first IR. */
  'wizard.finish': command(z.object({ draft: wizardDraftSchema }).strict(), wizardFinishSchema),
};
