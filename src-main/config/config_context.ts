import { DataKey, InitialAuthenticationKeys, openOsKeychain, type SecretStore } from '../secrets';
import { openStore, type Store } from '../store';
import { ConfigService } from './config_service';

/**
 * The configuration side of one data folder: the store, the service, and the OS keychain opened
 * only when a secret is first needed, so commands that need none work without a keychain.
 */
export interface ConfigContext {
  readonly store: Store;
  readonly service: ConfigService;
  initialAuthenticationKeys(): Promise<InitialAuthenticationKeys>;
  dataKey(): Promise<DataKey>;
  close(): void;
}

export interface ConfigContextOptions {
  now?: () => Date;
  /** Tests pass a keychain double; the default is the OS keychain of the data folder's namespace. */
  openKeychain?: (namespace: string) => Promise<SecretStore>;
}

export function openConfigContext(dataDir: string, options: ConfigContextOptions = {}): ConfigContext {
  const now = options.now ?? (() => new Date());
  const store = openStore(dataDir, now);
  const openKeychain = options.openKeychain ?? openOsKeychain;
  let keychain: Promise<SecretStore> | undefined;
  const secrets = () => {
    // A failed open is not cached: the keychain may be started later.
    keychain ??= openKeychain(store.keychainNamespace).catch((error: unknown) => {
      keychain = undefined;
      throw error;
    });
    return keychain;
  };
  const initialAuthenticationKeys = async () => new InitialAuthenticationKeys(await secrets(), now);
  return {
    store,
    service: new ConfigService(store, initialAuthenticationKeys, now),
    initialAuthenticationKeys,
    dataKey: async () => DataKey.open(await secrets()),
    close: () => store.close(),
  };
}
