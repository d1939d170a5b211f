import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataKey, DataKeyCorruptError, PrivateKeyDecryptionError, openOsKeychain, type SecretStore } from '../../../src-main/secrets';
import { freshNamespace, secretToolAccounts, secretToolLookup } from './keychain_session';

const pkcs8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' });

let store: SecretStore;
beforeEach(async () => {
  store = await openOsKeychain(freshNamespace());
});
afterEach(async () => {
  for (const account of secretToolAccounts(store.namespace)) await store.delete(account);
});

describe('data key', () => {
  it('is created in the keychain on first use as 256 random bits, and reused afterwards', async () => {
    expect(secretToolLookup(store.namespace, 'data-key/v1')).toBeNull();
    const first = await DataKey.open(store);
    const stored = secretToolLookup(store.namespace, 'data-key/v1');
    expect(stored?.length).toBe(32);
    const keyId = randomUUID();
    const encrypted = first.encryptPrivateKey(pkcs8, { keyId });
    const second = await DataKey.open(store);
    expect(second.decryptPrivateKey(encrypted, { keyId })).toEqual(pkcs8);
    expect(secretToolLookup(store.namespace, 'data-key/v1')).toEqual(stored);
  });

  it('encrypts with AES-256-GCM: fresh nonce each time, no plaintext in the output', async () => {
    const key = await DataKey.open(store);
    const keyId = randomUUID();
    const a = key.encryptPrivateKey(pkcs8, { keyId });
    const b = key.encryptPrivateKey(pkcs8, { keyId });
    expect(a.iv.length).toBe(12);
    expect(a.tag.length).toBe(16);
    expect(a.keyVersion).toBe(1);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.includes(pkcs8.subarray(-32))).toBe(false);
  });

  it('refuses a ciphertext moved to another row', async () => {
    const key = await DataKey.open(store);
    const encrypted = key.encryptPrivateKey(pkcs8, { keyId: randomUUID() });
    expect(() => key.decryptPrivateKey(encrypted, { keyId: randomUUID() })).toThrow(PrivateKeyDecryptionError);
  });

  it('refuses tampered ciphertext, tag or nonce and leaves the input untouched', async () => {
    const key = await DataKey.open(store);
    const keyId = randomUUID();
    const encrypted = key.encryptPrivateKey(pkcs8, { keyId });
    const snapshot = { ciphertext: Buffer.from(encrypted.ciphertext), iv: Buffer.from(encrypted.iv), tag: Buffer.from(encrypted.tag) };
    for (const field of ['ciphertext', 'iv', 'tag'] as const) {
      const altered = { ...encrypted, [field]: Buffer.from(encrypted[field]) };
      altered[field][0] ^= 0x01;
      expect(() => key.decryptPrivateKey(altered, { keyId })).toThrow(/could not be decrypted: authentication failed/);
    }
    expect(() => key.decryptPrivateKey({ ...encrypted, tag: encrypted.tag.subarray(0, 8) }, { keyId })).toThrow(PrivateKeyDecryptionError);
    expect(() => key.decryptPrivateKey({ ...encrypted, keyVersion: 2 }, { keyId })).toThrow(/data key version 2/);
    expect(encrypted).toEqual({ ...snapshot, keyVersion: 1 });
    expect(key.decryptPrivateKey(encrypted, { keyId })).toEqual(pkcs8);
  });

  it("refuses another data folder's ciphertext (a different data key)", async () => {
    const otherStore = await openOsKeychain(freshNamespace());
    try {
      const ours = await DataKey.open(store);
      const theirs = await DataKey.open(otherStore);
      const keyId = randomUUID();
      expect(() => ours.decryptPrivateKey(theirs.encryptPrivateKey(pkcs8, { keyId }), { keyId })).toThrow(PrivateKeyDecryptionError);
    } finally {
      await otherStore.delete('data-key/v1');
    }
  });

  it('reports a data key of the wrong length instead of using it', async () => {
    await store.set('data-key/v1', Buffer.alloc(16, 7));
    await expect(DataKey.open(store)).rejects.toThrow(DataKeyCorruptError);
  });
});
