import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../../../src-main/secrets';

/**
 * The keychain is not what is measured: a JSON file in the bench's temporary folder lets the set-up
 * (this process) and the engine (a child process) share the data key and the IAK without a D-Bus session.
 */
export function fileSecrets(path: string): SecretStore {
  const read = (): Record<string, string> => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {});
  const write = (entries: Record<string, string>) => writeFileSync(path, JSON.stringify(entries), { mode: 0o600 });
  return {
    namespace: 'bench',
    get: async (account) => {
      const value = read()[account];
      return value === undefined ? null : Buffer.from(value, 'base64');
    },
    set: async (account, secret) => write({ ...read(), [account]: Buffer.from(secret).toString('base64') }),
    delete: async (account) => {
      const entries = read();
      const had = account in entries;
      delete entries[account];
      write(entries);
      return had;
    },
  };
}
