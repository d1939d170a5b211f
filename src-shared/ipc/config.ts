import { z } from 'zod';
import {
  certificateRecordSchema,
  cmpProfileSchema,
  cmpServerSchema,
  globalConfigSchema,
  objectId,
  objectName,
  serverGroupSchema,
  timestamp,
  tlsProfileSchema,
  trustAnchorSchema,
} from '../domain';
import { configDocumentSchema, importReportSchema } from './config_document';
import { verifyConfigReportSchema } from './config_verify';
import { command } from './define';

/**
 * The configuration commands the UI needs (reference/000's objects). Requests are the domain
 * schemas, so a bad field is refused at the boundary with IpcValidationError naming it. Secrets
 * travel renderer -> main only: no response schema has a field that could carry one.
 */
const noArguments = z.object({}).strict();
const byId = z.object({ id: objectId }).strict();
const deleted = z.object({ deleted: z.literal(true) });

/** The largest trust anchor file accepted over IPC (pki's PEM bundle limit, plus base64 growth). */
const maxTrustAnchorFileChars = 6 * 1024 * 1024;

/** What the UI shows about an IAK: whether it is set and when, never the value. */
export const initialAuthenticationKeyStatusSchema = z.object({ isSet: z.boolean(), setAt: timestamp.nullable() });

export const trustAnchorImportResultSchema = z.object({
  anchor: trustAnchorSchema,
  /** Colon-separated upper-case hex, for comparing with what the CA published. */
  sha256Fingerprint: z.string(),
  selfSigned: z.boolean(),
  status: z.enum(['imported', 'already-present']),
});

/** list / get / save / delete for one kind of configuration object. */
function crud<S extends z.ZodType>(schema: S) {
  return {
    list: command(noArguments, z.array(schema)),
    get: command(byId, schema),
    save: command(z.object({ value: schema }).strict(), schema),
    delete: command(byId, deleted),
  };
}

const tlsProfiles = crud(tlsProfileSchema);
const cmpServers = crud(cmpServerSchema);
const serverGroups = crud(serverGroupSchema);
const cmpProfiles = crud(cmpProfileSchema);
const certificateRecords = crud(certificateRecordSchema);
const profileSecret = z.object({ cmpProfileId: objectId }).strict();

export const configCommands = {
  'globalConfig.get': command(noArguments, globalConfigSchema),
  'globalConfig.save': command(z.object({ value: globalConfigSchema }).strict(), globalConfigSchema),
  'trustAnchors.list': command(noArguments, z.array(trustAnchorSchema)),
  'trustAnchors.get': command(byId, trustAnchorSchema),
  /** A PEM/PKCS#7 text, or DER/PKCS#7 bytes in base64; `name` applies to a file with one certificate. */
  'trustAnchors.import': command(
    z.union([
      z.object({ text: z.string().min(1).max(maxTrustAnchorFileChars), name: objectName.optional() }).strict(),
      z.object({ base64: z.base64().min(1).max(maxTrustAnchorFileChars), name: objectName.optional() }).strict(),
    ]),
    z.array(trustAnchorImportResultSchema),
  ),
  'trustAnchors.rename': command(z.object({ id: objectId, name: objectName }).strict(), trustAnchorSchema),
  'trustAnchors.delete': command(byId, deleted),
  'tlsProfiles.list': tlsProfiles.list,
  'tlsProfiles.get': tlsProfiles.get,
  'tlsProfiles.save': tlsProfiles.save,
  'tlsProfiles.delete': tlsProfiles.delete,
  'cmpServers.list': cmpServers.list,
  'cmpServers.get': cmpServers.get,
  'cmpServers.save': cmpServers.save,
  'cmpServers.delete': cmpServers.delete,
  'serverGroups.list': serverGroups.list,
  'serverGroups.get': serverGroups.get,
  'serverGroups.save': serverGroups.save,
  'serverGroups.delete': serverGroups.delete,
  'cmpProfiles.list': cmpProfiles.list,
  'cmpProfiles.get': cmpProfiles.get,
  'cmpProfiles.save': cmpProfiles.save,
  'cmpProfiles.delete': cmpProfiles.delete,
  /** The IAK as typed by the administrator (UTF-8); the response says only that it is set. */
  'cmpProfiles.setSecret': command(profileSecret.extend({ secret: z.string().min(1, { error: 'must not be empty' }).max(1024, { error: 'must be at most 1024 characters' }) }).strict(), initialAuthenticationKeyStatusSchema),
  'cmpProfiles.clearSecret': command(profileSecret, initialAuthenticationKeyStatusSchema),
  'cmpProfiles.secretStatus': command(profileSecret, initialAuthenticationKeyStatusSchema),
  'certificateRecords.list': certificateRecords.list,
  'certificateRecords.get': certificateRecords.get,
  'certificateRecords.save': certificateRecords.save,
  'certificateRecords.delete': certificateRecords.delete,
  'verifyConfig.run': command(noArguments, verifyConfigReportSchema),
  'config.export': command(noArguments, configDocumentSchema),
  'config.import': command(z.object({ document: configDocumentSchema }).strict(), importReportSchema),
};
