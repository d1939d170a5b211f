import { randomUUID, type KeyObject } from 'node:crypto';
import type { KeyAlgorithm } from '../../src-shared/domain';
import { generateKeyPair, importPrivateKey, type KeyPair, type KeySpec } from '../pki';
import type { DataKey } from '../secrets';
import type { Store } from '../store';

const specs: Record<KeyAlgorithm, KeySpec> = {
  'rsa-2048': { kind: 'rsa', bits: 2048 },
  'rsa-3072': { kind: 'rsa', bits: 3072 },
  'rsa-4096': { kind: 'rsa', bits: 4096 },
  'ecdsa-p256': { kind: 'ec', curve: 'P-256' },
  'ecdsa-p384': { kind: 'ec', curve: 'P-384' },
  'ecdsa-p521': { kind: 'ec', curve: 'P-521' },
  ed25519: { kind: 'ed25519' },
};

export function keySpecOf(algorithm: KeyAlgorithm): KeySpec {
  return specs[algorithm];
}

/** A private key we hold cannot be found or decrypted. */
export class PrivateKeyMissingError extends Error {
  readonly name = 'PrivateKeyMissingError';
  constructor(readonly keyId: string, readonly what: string) {
    super(`The private key ${keyId} of ${what} is not in the database`);
  }
}

/**
 * Private keys at rest: every new key is encrypted with the data key and committed before any
 * request that carries its public half goes out, so no certificate can arrive for a key we lost.
 */
export class KeyVault {
  constructor(
    private readonly store: Store,
    private readonly dataKey: DataKey,
    private readonly now: () => Date,
  ) {}

  async generate(algorithm: KeyAlgorithm): Promise<{ id: string; keyPair: KeyPair }> {
    const keyPair = await generateKeyPair(keySpecOf(algorithm));
    const id = randomUUID();
    this.store.privateKeys.insert({ id, keyAlgorithm: algorithm, ...this.encrypt(id, keyPair.privateKey), createdAt: this.now().toISOString() });
    return { id, keyPair };
  }

  load(id: string, what: string): KeyPair {
    const stored = this.store.privateKeys.get(id);
    if (stored === null) throw new PrivateKeyMissingError(id, what);
    const der = this.dataKey.decryptPrivateKey(stored, { keyId: id });
    try {
      return importPrivateKey(new Uint8Array(der));
    } finally {
      der.fill(0);
    }
  }

  private encrypt(id: string, privateKey: KeyObject) {
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    try {
      return this.dataKey.encryptPrivateKey(der, { keyId: id });
    } finally {
      der.fill(0);
    }
  }
}
