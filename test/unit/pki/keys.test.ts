import { afterAll, describe, expect, it } from 'vitest';
import { createPrivateKey } from 'node:crypto';
import {
  describeKey,
  exportPrivateKeyDer,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  formatKeySpec,
  generateKeyPair,
  importPrivateKey,
  KeyFormatError,
  keyLabel,
  KeySpecError,
  parseKeySpec,
  publicKeyDer,
  publicKeyFromSpki,
  sameSubjectPublicKey,
  UnsupportedAlgorithmError,
  type KeySpec,
} from '../../../src-main/pki';
import { opensslDir } from './openssl';

const openssl = opensslDir();
afterAll(() => openssl.remove());

describe('parseKeySpec', () => {
  it.each([
    ['rsa:2048', { kind: 'rsa', bits: 2048 }],
    ['RSA:4096', { kind: 'rsa', bits: 4096 }],
    ['ec:P-256', { kind: 'ec', curve: 'P-256' }],
    ['ecdsa:p-521', { kind: 'ec', curve: 'P-521' }],
    ['ed25519', { kind: 'ed25519' }],
  ])('reads %s', (text, spec) => {
    expect(parseKeySpec(text)).toEqual(spec);
    expect(parseKeySpec(formatKeySpec(spec as KeySpec))).toEqual(spec);
  });

  it.each(['rsa:1024', 'rsa:', 'ec:secp256k1', 'dsa:2048', 'ed448', '', 'rsa:2048:x'])('rejects %j with KeySpecError', (text) => {
    expect(() => parseKeySpec(text)).toThrow(KeySpecError);
  });
});

describe('generateKeyPair and describeKey', () => {
  const specs: [KeySpec, string][] = [
    [{ kind: 'rsa', bits: 2048 }, 'RSA 2048'],
    [{ kind: 'ec', curve: 'P-256' }, 'EC P-256'],
    [{ kind: 'ec', curve: 'P-384' }, 'EC P-384'],
    [{ kind: 'ec', curve: 'P-521' }, 'EC P-521'],
    [{ kind: 'ed25519' }, 'Ed25519'],
  ];
  it.each(specs)('generates %j described as %s', async (spec, label) => {
    const pair = await generateKeyPair(spec);
    expect(pair.privateKey.type).toBe('private');
    expect(pair.publicKey.type).toBe('public');
    expect(describeKey(pair.publicKey)).toEqual({ spec, label });
    expect(describeKey(pair.privateKey).spec).toEqual(spec);
    expect(sameSubjectPublicKey(pair.privateKey, pair.publicKey)).toBe(true);
  });

  it('tells two keys apart', async () => {
    const a = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const b = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    expect(sameSubjectPublicKey(a.publicKey, b.publicKey)).toBe(false);
  });

  it('rejects keys outside the supported set but still labels them', () => {
    openssl.run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'rsa1024.pem']);
    const { publicKey } = importPrivateKey(openssl.readText('rsa1024.pem'));
    expect(keyLabel(publicKey)).toBe('RSA 1024');
    expect(() => describeKey(publicKey)).toThrow(UnsupportedAlgorithmError);
  });

  it('publicKeyDer is what openssl prints for the key', async () => {
    const pair = await generateKeyPair({ kind: 'ec', curve: 'P-384' });
    openssl.write('p384.pem', exportPrivateKeyPem(pair.privateKey));
    openssl.run(['pkey', '-in', 'p384.pem', '-pubout', '-outform', 'DER', '-out', 'p384.pub.der']);
    expect(Buffer.from(publicKeyDer(pair.publicKey)).equals(openssl.read('p384.pub.der'))).toBe(true);
  });
});

describe('private key import', () => {
  it('reads SEC1 "EC PRIVATE KEY" PEM as openssl ecparam writes it', () => {
    openssl.run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'sec1.pem']);
    expect(openssl.readText('sec1.pem')).toContain('BEGIN EC PRIVATE KEY');
    const pair = importPrivateKey(openssl.readText('sec1.pem'));
    expect(describeKey(pair.publicKey).label).toBe('EC P-256');
  });

  it('reads PKCS#1 "RSA PRIVATE KEY" PEM and DER', () => {
    openssl.run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem']);
    openssl.run(['rsa', '-in', 'rsa.pem', '-traditional', '-out', 'rsa1.pem']);
    openssl.run(['rsa', '-in', 'rsa.pem', '-traditional', '-outform', 'DER', '-out', 'rsa1.der']);
    expect(openssl.readText('rsa1.pem')).toContain('BEGIN RSA PRIVATE KEY');
    const fromPem = importPrivateKey(openssl.readText('rsa1.pem'));
    const fromDer = importPrivateKey(new Uint8Array(openssl.read('rsa1.der')));
    expect(describeKey(fromPem.publicKey).label).toBe('RSA 2048');
    expect(sameSubjectPublicKey(fromPem.publicKey, fromDer.publicKey)).toBe(true);
  });

  it('reads an encrypted PKCS#8 key written by openssl with the right passphrase only', () => {
    openssl.run(['genpkey', '-algorithm', 'ED25519', '-aes-256-cbc', '-pass', 'pass:s3cret', '-out', 'enc.pem']);
    const text = openssl.readText('enc.pem');
    expect(text).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(describeKey(importPrivateKey(text, 's3cret').publicKey).label).toBe('Ed25519');
    expect(() => importPrivateKey(text)).toThrow(/passphrase is required/);
    expect(() => importPrivateKey(text, 'wrong')).toThrow(KeyFormatError);
  });

  it('round-trips our PKCS#8 export (plain PEM, plain DER, encrypted PEM and DER) and openssl reads the encrypted one', async () => {
    const pair = await generateKeyPair({ kind: 'ec', curve: 'P-521' });
    const plainPem = exportPrivateKeyPem(pair.privateKey);
    expect(plainPem).toContain('BEGIN PRIVATE KEY');
    expect(sameSubjectPublicKey(importPrivateKey(plainPem).publicKey, pair.publicKey)).toBe(true);
    expect(sameSubjectPublicKey(importPrivateKey(exportPrivateKeyDer(pair.privateKey)).publicKey, pair.publicKey)).toBe(true);
    const encrypted = exportPrivateKeyPem(pair.privateKey, 'pw');
    expect(encrypted).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(sameSubjectPublicKey(importPrivateKey(encrypted, 'pw').publicKey, pair.publicKey)).toBe(true);
    const encryptedDer = exportPrivateKeyDer(pair.privateKey, 'pw');
    expect(sameSubjectPublicKey(importPrivateKey(encryptedDer, 'pw').publicKey, pair.publicKey)).toBe(true);
    expect(() => importPrivateKey(encryptedDer)).toThrow(KeyFormatError);
    openssl.write('ours.enc.pem', encrypted);
    expect(openssl.run(['pkey', '-in', 'ours.enc.pem', '-passin', 'pass:pw', '-noout', '-text'])).toContain('NIST CURVE: P-521');
  });

  it('exports the public key as SPKI PEM', async () => {
    const pair = await generateKeyPair({ kind: 'ed25519' });
    expect(exportPublicKeyPem(pair.privateKey)).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it.each([
    ['no key in the PEM', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', /No private key found/],
    ['broken base64', '-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n', KeyFormatError],
    ['random DER', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), /not a PKCS#8, SEC1 or PKCS#1/],
    ['too large', 'x'.repeat(70_000), /at most 65536/],
  ])('rejects %s with KeyFormatError', (_name, input, expected) => {
    expect(() => importPrivateKey(input)).toThrow(expected);
    expect(() => importPrivateKey(input)).toThrow(KeyFormatError);
  });

  it('refuses to export a public key as private and an empty passphrase', async () => {
    const pair = await generateKeyPair({ kind: 'ed25519' });
    expect(() => exportPrivateKeyPem(pair.publicKey)).toThrow(KeyFormatError);
    expect(() => exportPrivateKeyPem(pair.privateKey, '')).toThrow(KeyFormatError);
    expect(createPrivateKey(exportPrivateKeyPem(pair.privateKey)).asymmetricKeyType).toBe('ed25519');
  });
});

describe('publicKeyFromSpki', () => {
  it('gives back the very key we exported when the bytes are its SubjectPublicKeyInfo (an issued certificate for our request)', async () => {
    const { publicKey, privateKey } = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const requested = publicKeyDer(privateKey);
    const fromCertificate = publicKeyFromSpki(requested);
    expect(fromCertificate.type).toBe('public');
    // A fresh decode would be a new object every time: the same one twice is the remembered key.
    expect(publicKeyFromSpki(requested)).toBe(fromCertificate);
    expect(sameSubjectPublicKey(fromCertificate, publicKey)).toBe(true);
  });

  it('decodes a key it has not exported, and refuses bytes that are no SubjectPublicKeyInfo', async () => {
    const { publicKey } = await generateKeyPair({ kind: 'ed25519' });
    const foreign = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    const decoded = publicKeyFromSpki(foreign);
    expect(decoded).not.toBe(publicKey);
    expect(sameSubjectPublicKey(decoded, publicKey)).toBe(true);
    expect(() => publicKeyFromSpki(foreign.subarray(0, foreign.length - 3))).toThrow();
  });
});
