import { AsyncEntry } from '@napi-rs/keyring';

/** The keychain "service" every cmp-desk entry is filed under. */
export const keychainService = 'cmp-desk';

/**
 * Secrets by account name, in the OS keychain only. Each data folder has its own namespace so two
 * data folders (two installations, or tests) never read or overwrite each other's secrets.
 */
export interface SecretStore {
  /** The data folder's namespace; part of every account name stored in the keychain. */
  readonly namespace: string;
  get(account: string): Promise<Buffer | null>;
  set(account: string, secret: Uint8Array): Promise<void>;
  /** Resolves false when there was nothing to delete. */
  delete(account: string): Promise<boolean>;
}

/** No OS keychain can be reached; the app refuses to keep secrets anywhere else. */
export class KeychainUnavailableError extends Error {
  readonly name = 'KeychainUnavailableError';
  constructor(
    /** What the platform reported, for the logs and the details pane. */
    readonly detail: string,
  ) {
    super(`${missingKeychainAdvice(process.platform)} (${detail}). cmp-desk never stores secrets in plain text.`);
  }
}

/** A keychain that was reachable failed one operation. */
export class KeychainOperationError extends Error {
  readonly name = 'KeychainOperationError';
  constructor(
    readonly operation: 'read' | 'write' | 'delete',
    readonly account: string,
    readonly detail: string,
  ) {
    super(`The OS keychain could not ${operation} the secret "${account}" of service ${keychainService}: ${detail}`);
  }
}

const namespacePattern = /^[a-z0-9][a-z0-9-]{7,63}$/;
const accountPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;
const probeAccount = 'keychain-probe';

/**
 * Opens the OS keychain for one data folder and proves it works with one read. On Linux the
 * Secret Service is required explicitly: @napi-rs/keyring would otherwise fall back to the
 * kernel keyring, which forgets everything at logout.
 */
export async function openOsKeychain(namespace: string): Promise<SecretStore> {
  if (!namespacePattern.test(namespace)) {
    throw new RangeError(`Keychain namespace must be 8-64 lowercase letters, digits or "-", got ${JSON.stringify(namespace)}`);
  }
  const store = new OsKeychain(namespace);
  try {
    await store.entry(probeAccount).getSecret();
  } catch (error) {
    throw new KeychainUnavailableError(describeCause(error));
  }
  return store;
}

class OsKeychain implements SecretStore {
  constructor(readonly namespace: string) {}

  async get(account: string): Promise<Buffer | null> {
    const secret = await this.run('read', account, (entry) => entry.getSecret());
    return secret === null ? null : Buffer.from(secret);
  }

  async set(account: string, secret: Uint8Array): Promise<void> {
    await this.run('write', account, (entry) => entry.setSecret(secret));
  }

  async delete(account: string): Promise<boolean> {
    return this.run('delete', account, (entry) => entry.deleteCredential());
  }

  /**
   * The keychain entry for an account. On Linux it is a Secret Service item with exactly the
   * attributes service=cmp-desk and username=<namespace>/<account>, which is how an administrator
   * finds it: `secret-tool search --all service cmp-desk`.
   */
  entry(account: string): AsyncEntry {
    if (!accountPattern.test(account)) throw new RangeError(`Invalid keychain account name ${JSON.stringify(account)}`);
    return new AsyncEntry(keychainService, `${this.namespace}/${account}`, { linux: { store: 'secret-service' } });
  }

  private async run<T>(operation: KeychainOperationError['operation'], account: string, action: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    let entry: AsyncEntry;
    try {
      entry = this.entry(account);
    } catch (error) {
      if (error instanceof RangeError) throw error;
      throw new KeychainUnavailableError(describeCause(error));
    }
    try {
      return await action(entry);
    } catch (error) {
      throw new KeychainOperationError(operation, account, describeCause(error));
    }
  }
}

function missingKeychainAdvice(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'No OS keychain: the macOS login keychain could not be reached';
  if (platform === 'win32') return 'No OS keychain: the Windows Credential Manager could not be reached';
  return 'No OS keychain: start gnome-keyring or another Secret Service provider on the D-Bus session bus';
}

/** The innermost message of a native error chain, which is the one that names the real problem. */
function describeCause(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
