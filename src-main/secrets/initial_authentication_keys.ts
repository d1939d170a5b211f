import type { SecretStore } from './keychain';

/** Whether a CMP profile has an IAK, for display; never the secret or anything derived from it. */
export interface InitialAuthenticationKeyStatus {
  isSet: boolean;
  /** When it was last set (ISO 8601), or null when unset or unknown. */
  setAt: string | null;
}

/** An IAK that cannot be used for MAC protection. */
export class InvalidInitialAuthenticationKeyError extends Error {
  readonly name = 'InvalidInitialAuthenticationKeyError';
  constructor(
    readonly cmpProfileId: string,
    readonly reason: string,
  ) {
    super(`The initial authentication key for CMP profile ${cmpProfileId} ${reason}`);
  }
}

/** Longest IAK accepted: far beyond any real shared secret, small enough for every keychain. */
export const maxInitialAuthenticationKeyBytes = 1024;

/**
 * The initial authentication keys (shared secrets for PasswordBasedMac / PBMAC1), one per CMP
 * profile, kept in the OS keychain. The time it was set is a second entry, written after the
 * secret, so a crash between the two leaves a usable secret with an unknown date.
 */
export class InitialAuthenticationKeys {
  constructor(
    private readonly store: SecretStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async set(cmpProfileId: string, secret: Uint8Array): Promise<void> {
    if (secret.length === 0) throw new InvalidInitialAuthenticationKeyError(cmpProfileId, 'is empty; enter the secret value shared with the CA');
    if (secret.length > maxInitialAuthenticationKeyBytes) {
      throw new InvalidInitialAuthenticationKeyError(cmpProfileId, `is ${secret.length} bytes long; at most ${maxInitialAuthenticationKeyBytes} are accepted`);
    }
    await this.store.set(secretAccount(cmpProfileId), secret);
    await this.store.set(setAtAccount(cmpProfileId), Buffer.from(this.now().toISOString(), 'utf8'));
  }

  /** The secret for MAC protection, or null when the profile has none. */
  async read(cmpProfileId: string): Promise<Buffer | null> {
    return this.store.get(secretAccount(cmpProfileId));
  }

  /** Resolves false when there was no IAK. */
  async delete(cmpProfileId: string): Promise<boolean> {
    const deleted = await this.store.delete(secretAccount(cmpProfileId));
    await this.store.delete(setAtAccount(cmpProfileId));
    return deleted;
  }

  async describe(cmpProfileId: string): Promise<InitialAuthenticationKeyStatus> {
    const secret = await this.store.get(secretAccount(cmpProfileId));
    if (secret === null) return { isSet: false, setAt: null };
    secret.fill(0);
    const setAt = await this.store.get(setAtAccount(cmpProfileId));
    return { isSet: true, setAt: setAt === null ? null : parseSetAt(setAt) };
  }
}

function secretAccount(cmpProfileId: string): string {
  return `iak/${checkedProfileId(cmpProfileId)}`;
}

function setAtAccount(cmpProfileId: string): string {
  return `iak-set-at/${checkedProfileId(cmpProfileId)}`;
}

function checkedProfileId(cmpProfileId: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(cmpProfileId)) throw new RangeError(`Invalid CMP profile id ${JSON.stringify(cmpProfileId)}`);
  return cmpProfileId;
}

function parseSetAt(bytes: Buffer): string | null {
  const text = bytes.toString('utf8');
  return Number.isNaN(Date.parse(text)) ? null : new Date(text).toISOString();
}
