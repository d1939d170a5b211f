import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LabCa, wellKnownCmpPath } from '../../../labca';
import type { InitialAuthenticationKeys } from '../../../secrets';

/** What `lab init` leaves in DIR/labca so later commands can start the same lab CA in-process. */
const labModeSchema = z.object({
  port: z.number().int().min(1).max(65535),
  reference: z.string().min(1),
  cmpProfileId: z.uuid(),
  validitySeconds: z.number().int().min(1),
});
export type LabMode = z.infer<typeof labModeSchema>;

export const labFolder = (dataDir: string) => join(dataDir, 'labca');
const labModeFile = (dataDir: string) => join(labFolder(dataDir), 'lab-mode.json');

export function writeLabMode(dataDir: string, mode: LabMode): void {
  writeFileSync(labModeFile(dataDir), `${JSON.stringify(mode, null, 2)}\n`, { mode: 0o600 });
}

export function readLabMode(dataDir: string): LabMode | null {
  const file = labModeFile(dataDir);
  if (!existsSync(file)) return null;
  return labModeSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Starts the data folder's lab CA in this process on its fixed port, with the IAK taken from the
 * keychain entry of the lab CMP profile (the secret is never written to a file).
 */
export async function startLabCa(dataDir: string, mode: LabMode, iaks: InitialAuthenticationKeys): Promise<LabCa> {
  const secret = await iaks.read(mode.cmpProfileId);
  if (secret === null) throw new Error('The lab CMP profile has no initial authentication key in the keychain; run "lab init" again');
  return LabCa.start({
    dir: labFolder(dataDir),
    http: { port: mode.port },
    paths: [{ path: wellKnownCmpPath, sharedSecrets: { [mode.reference]: secret.toString('utf8') }, validitySeconds: mode.validitySeconds }],
  });
}
