import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LabCaStoreError } from './errors';
import { writeFileDurably } from './serial_numbers';

/**
 * The small keychain surface the lab CA needs: one named secret. The app passes an adapter over
 * src-main/secrets (OS keychain); tests may pass an in-memory one.
 */
export interface LabCaKeychain {
  getSecret(account: string): Promise<string | undefined>;
  setSecret(account: string, secret: string): Promise<void>;
}

/**
 * Where the passphrase that encrypts the CA private keys at rest comes from.
 * - `given`: the caller supplies it (tests, `--key-passphrase env:VAR`).
 * - `keychain`: a random secret created on first start and kept in the OS keychain; the key files
 *   alone are then useless to whoever copies the folder.
 * - `folder-file`: a random secret in `ca-keys.passphrase` (mode 0600) beside the keys. This is NOT
 *   protection against someone who can read the folder; it exists for machines without a keychain
 *   (CI, containers) and keeps the key files themselves in encrypted form. The lab CA is a test and
 *   demo CA; do not use it for certificates anyone relies on.
 */
export type CaKeyPassphraseSource =
  | { kind: 'given'; passphrase: string }
  | { kind: 'keychain'; keychain: LabCaKeychain }
  | { kind: 'folder-file' };

export const passphraseFileName = 'ca-keys.passphrase';

/** The passphrase for the CA keys in `dir`, creating the random secret on first use. */
export async function resolveCaKeyPassphrase(dir: string, source: CaKeyPassphraseSource): Promise<string> {
  switch (source.kind) {
    case 'given':
      if (source.passphrase.length < 8) throw new LabCaStoreError('CA key passphrase', 'at least 8 characters', `${source.passphrase.length}`);
      return source.passphrase;
    case 'keychain': {
      const account = keychainAccount(dir);
      const existing = await source.keychain.getSecret(account);
      if (existing) return existing;
      const created = randomSecret();
      await source.keychain.setSecret(account, created);
      return created;
    }
    case 'folder-file': {
      const file = join(dir, passphraseFileName);
      if (existsSync(file)) {
        const text = readFileSync(file, 'utf8').trim();
        if (text.length < 32) throw new LabCaStoreError(file, 'a random passphrase of at least 32 characters', `${text.length} characters`);
        return text;
      }
      const created = randomSecret();
      writeFileDurably(file, `${created}\n`, 0o600);
      return created;
    }
  }
}

/** One keychain entry per lab CA folder, so two lab CAs on one machine keep separate secrets. */
export function keychainAccount(dir: string): string {
  return `labca-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32)}`;
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
