import type { Connection } from './database';

/**
 * The namespace of this data folder's secrets in the OS keychain: random, created with the
 * database, so it survives moving the folder and never matches another data folder's. A copied
 * folder (a backup) shares it on purpose: the copy needs the same data key to read its private keys.
 */
export function keychainNamespace(connection: Connection): string {
  return (connection.prepare('SELECT keychain_namespace FROM data_folder WHERE id = 1').get() as { keychain_namespace: string }).keychain_namespace;
}
