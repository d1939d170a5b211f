import { join } from 'node:path';
import { systemClock, type Clock } from '../cmp/transactions';
import type { CmpTransport } from '../cmp/transport';
import type { CmpServer } from '../../src-shared/domain';
import { DataKey, InitialAuthenticationKeys, openOsKeychain, type SecretStore } from '../secrets';
import { openStore, type Store } from '../store';
import { CmpEnroller } from './cmp_enroller';
import type { Enroller } from './enroller';
import { KeyVault } from './key_vault';
import { LifecycleEngine } from './lifecycle_engine';
import type { Notifier } from './notifier';
import { FolderDeployer } from './renewal_deployer';

export interface OpenLifecycleOptions {
  dataDir: string;
  notifier: Notifier;
  clock?: Clock;
  /** Default: the OS keychain under the data folder's namespace. */
  secrets?: SecretStore;
  enroller?: Enroller;
  transportFor?: (server: CmpServer) => CmpTransport;
  concurrency?: number;
}

/** Everything the engine runs on, opened from one data folder; close() releases the database. */
export interface OpenLifecycle {
  store: Store;
  engine: LifecycleEngine;
  vault: KeyVault;
  iaks: InitialAuthenticationKeys;
  close(): void;
}

/** Deploy hooks write into this sub-folder of the data folder. */
export const deploySubfolder = 'deploy';

export async function openLifecycle(options: OpenLifecycleOptions): Promise<OpenLifecycle> {
  const clock = options.clock ?? systemClock;
  const now = () => new Date(clock.now());
  const store = openStore(options.dataDir, now);
  try {
    const secrets = options.secrets ?? (await openOsKeychain(store.keychainNamespace));
    const dataKey = await DataKey.open(secrets);
    const vault = new KeyVault(store, dataKey, now);
    const iaks = new InitialAuthenticationKeys(secrets, now);
    const enroller = options.enroller ?? new CmpEnroller({ store, vault, iaks, clock, transportFor: options.transportFor });
    const engine = new LifecycleEngine({
      store,
      enroller,
      vault,
      clock,
      notifier: options.notifier,
      deployer: new FolderDeployer(store, vault, join(options.dataDir, deploySubfolder)),
      concurrency: options.concurrency,
    });
    return { store, engine, vault, iaks, close: () => store.close() };
  } catch (error) {
    store.close();
    throw error;
  }
}
