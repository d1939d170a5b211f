import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretStore } from './keychain';

/** A private key encrypted with the data key; what the database stores instead of the key. */
export interface EncryptedPrivateKey {
  ciphertext: Buffer;
  /** 96-bit AES-GCM nonce, fresh for every encryption. */
  iv: Buffer;
  /** 128-bit GCM authentication tag. */
  tag: Buffer;
  /** Which data key encrypted it. */
  keyVersion: number;
}

/** Ties a ciphertext to its database row, so a ciphertext copied into another row fails to decrypt. */
export interface PrivateKeyBinding {
  /** The private key's row id. */
  keyId: string;
}

/** A private key could not be decrypted: wrong data key, tampered bytes or a row it does not belong to. */
export class PrivateKeyDecryptionError extends Error {
  readonly name = 'PrivateKeyDecryptionError';
  constructor(
    readonly keyId: string,
    readonly reason: string,
  ) {
    super(`The private key ${keyId} could not be decrypted: ${reason}. The stored key is unchanged.`);
  }
}

/** The data key in the keychain is not a 256-bit key. */
export class DataKeyCorruptError extends Error {
  readonly name = 'DataKeyCorruptError';
  constructor(
    readonly keyVersion: number,
    readonly length: number,
  ) {
    super(`The data key version ${keyVersion} in the OS keychain is ${length} bytes long, expected 32; private keys cannot be decrypted with it`);
  }
}

/** The version every new encryption uses; older versions stay readable through their own entry. */
export const currentDataKeyVersion = 1;
const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;

/**
 * The 256-bit key that encrypts private keys at rest (AES-256-GCM), one per data folder, created
 * in the OS keychain on first use. The database only ever sees ciphertext.
 */
export class DataKey {
  private constructor(
    private readonly key: Buffer,
    readonly keyVersion: number,
  ) {}

  /** Loads the data folder's data key, creating it on first use. */
  static async open(store: SecretStore): Promise<DataKey> {
    const account = dataKeyAccount(currentDataKeyVersion);
    let key = await store.get(account);
    if (key === null) {
      const fresh = randomBytes(keyBytes);
      await store.set(account, fresh);
      fresh.fill(0);
      // Read back rather than trust our own bytes: if another process created it first, its key wins for both.
      key = await store.get(account);
      if (key === null) throw new DataKeyCorruptError(currentDataKeyVersion, 0);
    }
    if (key.length !== keyBytes) throw new DataKeyCorruptError(currentDataKeyVersion, key.length);
    return new DataKey(key, currentDataKeyVersion);
  }

  encryptPrivateKey(pkcs8Der: Uint8Array, binding: PrivateKeyBinding): EncryptedPrivateKey {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: tagBytes });
    cipher.setAAD(associatedData(binding, this.keyVersion));
    const ciphertext = Buffer.concat([cipher.update(pkcs8Der), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag(), keyVersion: this.keyVersion };
  }

  /** The PKCS#8 DER; the caller should zero it when done. */
  decryptPrivateKey(encrypted: EncryptedPrivateKey, binding: PrivateKeyBinding): Buffer {
    if (encrypted.keyVersion !== this.keyVersion) {
      throw new PrivateKeyDecryptionError(binding.keyId, `it was encrypted with data key version ${encrypted.keyVersion}, this data folder has version ${this.keyVersion}`);
    }
    if (encrypted.iv.length !== ivBytes || encrypted.tag.length !== tagBytes) {
      throw new PrivateKeyDecryptionError(binding.keyId, `the stored nonce or tag has the wrong length (${encrypted.iv.length}/${encrypted.tag.length}, expected ${ivBytes}/${tagBytes})`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.iv, { authTagLength: tagBytes });
    decipher.setAAD(associatedData(binding, encrypted.keyVersion));
    decipher.setAuthTag(encrypted.tag);
    const plaintext = decipher.update(encrypted.ciphertext);
    try {
      return Buffer.concat([plaintext, decipher.final()]);
    } catch {
      plaintext.fill(0);
      throw new PrivateKeyDecryptionError(binding.keyId, 'authentication failed (a different data key, altered bytes, or a ciphertext from another row)');
    }
  }
}

function dataKeyAccount(version: number): string {
  return `data-key/v${version}`;
}

function associatedData(binding: PrivateKeyBinding, keyVersion: number): Buffer {
  return Buffer.from(`cmp-desk private key\u0000${binding.keyId}\u0000v${keyVersion}`, 'utf8');
}
