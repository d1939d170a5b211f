import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LabCaSetup } from '../../../src-shared/ipc';
import { defaultValiditySeconds, LabCa, wellKnownCmpPath } from '../../labca';
import { nameToOpensslString } from '../../pki';
import type { InitialAuthenticationKeys } from '../../secrets';

/** What must survive a restart so the configured CMP server URL keeps working: the port and the profiles that use the lab. */
const labSettingsSchema = z.object({
  port: z.number().int().min(1).max(65_535),
  /** Each profile has its own reference (senderKID) and IAK at the lab CA. */
  profiles: z.array(z.object({ cmpProfileId: z.string(), reference: z.string().min(1) })),
});
type LabSettings = z.infer<typeof labSettingsSchema>;

/**
 * The built-in lab CA inside the app: started on first use (wizard "Try with the built-in lab CA")
 * and again at every start once used, on the same 127.0.0.1 port so the stored URL stays valid.
 * Each profile's IAK lives in the keychain like any other; the lab CA is told it at start.
 */
export class LabCaHost {
  private running: Promise<LabCa> | undefined;

  constructor(
    readonly folder: string,
    private readonly keys: () => Promise<InitialAuthenticationKeys>,
  ) {}

  private get settingsFile(): string {
    return join(this.folder, 'cmp-desk-lab.json');
  }

  private settings(): LabSettings | null {
    if (!existsSync(this.settingsFile)) return null;
    const parsed = labSettingsSchema.safeParse(JSON.parse(readFileSync(this.settingsFile, 'utf8')));
    return parsed.success ? parsed.data : null;
  }

  private save(settings: LabSettings): void {
    writeFileSync(this.settingsFile, JSON.stringify(settings, null, 2), { mode: 0o600 });
  }

  get lab(): Promise<LabCa> | undefined {
    return this.running;
  }

  /** Starts the lab CA again if an earlier run used it; does nothing otherwise. */
  async resume(): Promise<void> {
    if (this.settings() !== null) await this.start();
  }

  private start(): Promise<LabCa> {
    this.running ??= (async () => {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      const known = this.settings();
      const lab = await LabCa.start({ dir: this.folder, http: { port: known?.port ?? 0 }, paths: [{ path: wellKnownCmpPath }] });
      const port = Number(new URL(lab.httpUrl as string).port);
      const settings = known ?? { port, profiles: [] };
      if (!known) this.save(settings);
      const keys = await this.keys();
      for (const profile of settings.profiles) {
        const secret = await keys.read(profile.cmpProfileId);
        if (secret !== null) lab.admin.setSharedSecret(wellKnownCmpPath, profile.reference, secret.toString('utf8'));
      }
      return lab;
    })().catch((error: unknown) => {
      this.running = undefined;
      throw error;
    });
    return this.running;
  }

  /** Starts (or reuses) the lab CA and gives the profile a fresh IAK that both sides know. */
  async useFor(cmpProfileId: string): Promise<LabCaSetup> {
    const lab = await this.start();
    const settings = this.settings() as LabSettings;
    const secret = randomBytes(24).toString('base64url');
    await (await this.keys()).set(cmpProfileId, new Uint8Array(Buffer.from(secret, 'utf8')));
    const reference = `cmp-desk-lab-${cmpProfileId.slice(0, 8)}`;
    lab.admin.setSharedSecret(wellKnownCmpPath, reference, secret);
    if (!settings.profiles.some((p) => p.cmpProfileId === cmpProfileId)) this.save({ ...settings, profiles: [...settings.profiles, { cmpProfileId, reference }] });
    return {
      rootCaPem: lab.rootCaPem,
      rootFingerprintSha256: lab.rootFingerprintSha256,
      cmpUrl: `${lab.httpUrl}${wellKnownCmpPath}`,
      expectedSender: nameToOpensslString(lab.store.issuing.subjectName),
      reference,
      validityDays: Math.round(defaultValiditySeconds / 86_400),
    };
  }

  async status(): Promise<{ running: boolean; cmpUrl: string | null; folder: string }> {
    const lab = await this.running?.catch(() => undefined);
    return { running: lab !== undefined, cmpUrl: lab ? `${lab.httpUrl}${wellKnownCmpPath}` : null, folder: this.folder };
  }

  async stop(): Promise<void> {
    const lab = await this.running?.catch(() => undefined);
    this.running = undefined;
    await lab?.stop();
  }
}
