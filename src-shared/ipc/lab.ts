import { z } from 'zod';
import { objectId } from '../domain';
import { command } from './define';

/** The built-in lab CA as the wizard uses it: what fills steps 1–5. The secret went into the keychain. */
export const labCaSetupSchema = z.object({
  rootCaPem: z.string(),
  rootFingerprintSha256: z.string(),
  cmpUrl: z.string(),
  expectedSender: z.string(),
  reference: z.string(),
  /** The lab CA issues certificates valid this many days. */
  validityDays: z.number(),
});
export type LabCaSetup = z.infer<typeof labCaSetupSchema>;

export const labCaStatusSchema = z.object({ running: z.boolean(), cmpUrl: z.string().nullable(), folder: z.string() });

export const labCommands = {
  /** Starts (or reuses) the in-process lab CA and stores a fresh IAK for the profile in the keychain. */
  'lab.useBuiltInCa': command(z.object({ cmpProfileId: objectId }).strict(), labCaSetupSchema),
  'lab.status': command(z.object({}).strict(), labCaStatusSchema),
};
