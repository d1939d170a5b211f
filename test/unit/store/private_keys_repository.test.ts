import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyAlgorithm } from '../../../src-shared/domain';
import { DataKey, PrivateKeyDecryptionError, openOsKeychain, type SecretStore } from '../../../src-main/secrets';
import { AuditLog, CertificateRecordsRepository, keychainNamespace, PrivateKeysRepository, TransactionsJournal } from '../../../src-main/store';
import { secretToolAccounts } from '../secrets/keychain_session';
import { certificateRecord, transaction } from './objects';
import { databaseFileBytes, useTempDatabase } from './temp_store';

/** A real RSA key, big enough that any leak of its bytes is unmistakable. */
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const pkcs8Der = rsa.export({ type: 'pkcs8', format: 'der' });
const pemBody = (rsa.export({ type: 'pkcs8', format: 'pem' }) as string).replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

describe('private keys at rest', () => {
  const t = useTempDatabase();
  let store: SecretStore;
  let dataKey: DataKey;
  let keys: PrivateKeysRepository;
  beforeEach(async () => {
    store = await openOsKeychain(keychainNamespace(t.db.connection));
    dataKey = await DataKey.open(store);
    keys = new PrivateKeysRepository(t.db.connection);
  });
  afterEach(async () => {
    for (const account of secretToolAccounts(store.namespace)) await store.delete(account);
  });

  function storeKey(der: Buffer, keyAlgorithm: KeyAlgorithm = 'rsa-2048'): string {
    const id = randomUUID();
    keys.insert({ id, keyAlgorithm, ...dataKey.encryptPrivateKey(der, { keyId: id }), createdAt: new Date().toISOString() });
    return id;
  }

  it('stores only ciphertext: neither the PKCS#8 DER nor the PEM body is anywhere in the file', () => {
    const id = storeKey(pkcs8Der);
    const scan = (bytes: Buffer) => {
      expect(bytes.indexOf(pkcs8Der)).toBe(-1);
      expect(bytes.indexOf(pkcs8Der.subarray(100, 132))).toBe(-1);
      expect(bytes.indexOf(Buffer.from(pemBody))).toBe(-1);
      expect(bytes.indexOf(Buffer.from(pemBody.slice(64, 128)))).toBe(-1);
    };
    scan(databaseFileBytes(t.db));
    const stored = keys.get(id);
    expect(stored?.ciphertext.length).toBe(pkcs8Der.length);
    expect(dataKey.decryptPrivateKey(stored!, { keyId: id })).toEqual(pkcs8Der);
    t.db.connection.pragma('wal_checkpoint(TRUNCATE)');
    scan(databaseFileBytes(t.db));
    // The scan itself must be able to find a key: the same bytes stored in plain text are found.
    t.db.connection.prepare('CREATE TABLE leak (x BLOB)').run();
    t.db.connection.prepare('INSERT INTO leak VALUES (?)').run(pkcs8Der);
    expect(databaseFileBytes(t.db).indexOf(pkcs8Der)).toBeGreaterThanOrEqual(0);
    t.db.connection.prepare('DROP TABLE leak').run();
  });

  it('refuses a ciphertext copied into another row', () => {
    const a = storeKey(pkcs8Der);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' });
    const b = storeKey(ec, 'ecdsa-p256');
    t.db.connection.prepare('UPDATE private_keys SET ciphertext = (SELECT ciphertext FROM private_keys WHERE id = ?), iv = (SELECT iv FROM private_keys WHERE id = ?), tag = (SELECT tag FROM private_keys WHERE id = ?) WHERE id = ?').run(a, a, a, b);
    expect(() => dataKey.decryptPrivateKey(keys.get(b)!, { keyId: b })).toThrow(PrivateKeyDecryptionError);
    expect(dataKey.decryptPrivateKey(keys.get(a)!, { keyId: a })).toEqual(pkcs8Der);
  });

  it('refuses malformed nonce or tag columns at the database', () => {
    const id = randomUUID();
    const encrypted = dataKey.encryptPrivateKey(pkcs8Der, { keyId: id });
    expect(() => keys.insert({ id, keyAlgorithm: 'rsa-2048', ...encrypted, iv: encrypted.iv.subarray(0, 8), createdAt: new Date().toISOString() })).toThrow(/CHECK constraint failed: length\(iv\) = 12/);
  });

  it('deletes keys nothing refers to any more, keeping a pending request key', () => {
    const audit = new AuditLog(t.db.connection);
    const record = new CertificateRecordsRepository(t.db.connection, audit).save(certificateRecord());
    const pending = storeKey(pkcs8Der);
    const orphan = storeKey(pkcs8Der);
    new TransactionsJournal(t.db.connection).begin(transaction(record.id, { pendingPrivateKeyId: pending }));
    expect(keys.deleteUnreferenced()).toBe(1);
    expect(keys.get(orphan)).toBeNull();
    expect(keys.get(pending)).not.toBeNull();
  });
});
