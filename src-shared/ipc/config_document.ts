import { z } from 'zod';
import {
  certificateRecordSchema,
  cmpProfileSchema,
  cmpServerSchema,
  globalConfigSchema,
  objectId,
  serverGroupSchema,
  timestamp,
  tlsProfileSchema,
  trustAnchorSchema,
} from '../domain';

/** The version of the export format this build writes and reads. */
export const configDocumentVersion = 1;

/**
 * A secret the exported configuration needs but does not carry: the IAK of a shared-secret CMP
 * profile. The importing administrator enters it again (cmpProfiles.setSecret).
 */
export const neededSecretSchema = z.object({
  kind: z.literal('initial-authentication-key'),
  cmpProfileId: objectId,
  cmpProfileName: z.string(),
  /** The non-secret reference (senderKID) the CA knows the secret under. */
  reference: z.string(),
  status: z.literal('needs secret'),
});
export type NeededSecret = z.infer<typeof neededSecretSchema>;

/**
 * The configuration as a JSON file: every configuration object, no secret and no private key.
 * Certificates and their keys are state, not configuration, and stay in the data folder.
 */
export const configDocumentSchema = z
  .object({
    format: z.literal('cmp-desk-config', { error: 'must be "cmp-desk-config" (this is not a cmp-desk configuration export)' }),
    version: z.literal(configDocumentVersion, { error: `must be ${configDocumentVersion}; this cmp-desk reads configuration exports of version ${configDocumentVersion}` }),
    exportedAt: timestamp,
    globalConfig: globalConfigSchema,
    trustAnchors: z.array(trustAnchorSchema).max(1000),
    tlsProfiles: z.array(tlsProfileSchema).max(1000),
    cmpServers: z.array(cmpServerSchema).max(1000),
    serverGroups: z.array(serverGroupSchema).max(1000),
    cmpProfiles: z.array(cmpProfileSchema).max(1000),
    certificateRecords: z.array(certificateRecordSchema).max(1000),
    secretsNeeded: z.array(neededSecretSchema).max(1000),
  })
  .strict();
export type ConfigDocument = z.infer<typeof configDocumentSchema>;

/** What an import did to one object. */
export const importOutcomeSchema = z.object({
  kind: z.enum(['global-config', 'trust-anchor', 'tls-profile', 'cmp-server', 'server-group', 'cmp-profile', 'certificate-record']),
  id: z.string().nullable(),
  name: z.string(),
  action: z.enum(['created', 'updated', 'unchanged']),
});
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;

export const importReportSchema = z.object({
  outcomes: z.array(importOutcomeSchema),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  /** Shared-secret profiles whose IAK is not in this installation's keychain yet. */
  secretsNeeded: z.array(neededSecretSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;
