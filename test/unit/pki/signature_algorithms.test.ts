import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import {
  defaultDigestFor,
  digestOfSignatureAlgorithm,
  exportPublicKeyPem,
  generateKeyPair,
  signatureAlgorithmFor,
  signatureAlgorithmLabel,
  signWithAlgorithm,
  UnsupportedAlgorithmError,
  verifyWithAlgorithm,
  type KeyPair,
  type KeySpec,
  type SignatureAlgorithmOptions,
} from '../../../src-main/pki';
import { opensslDir } from './openssl';

const openssl = opensslDir();
afterAll(() => openssl.remove());

const keys = new Map<string, KeyPair>();
const specs: Record<string, KeySpec> = {
  rsa: { kind: 'rsa', bits: 2048 },
  p256: { kind: 'ec', curve: 'P-256' },
  p384: { kind: 'ec', curve: 'P-384' },
  p521: { kind: 'ec', curve: 'P-521' },
  ed25519: { kind: 'ed25519' },
};
beforeAll(async () => {
  for (const [name, spec] of Object.entries(specs)) keys.set(name, await generateKeyPair(spec));
});
const key = (name: string) => keys.get(name)!;
const data = new TextEncoder().encode('tbsCertificate stand-in');

/** Each case: key, options, expected OID, digest, the `openssl dgst` arguments that verify the same signature. */
const cases: [string, SignatureAlgorithmOptions, string, string, string[]][] = [
  ['rsa', {}, '1.2.840.113549.1.1.11', 'sha256', ['-sha256']],
  ['rsa', { digest: 'sha384' }, '1.2.840.113549.1.1.12', 'sha384', ['-sha384']],
  ['rsa', { digest: 'sha512' }, '1.2.840.113549.1.1.13', 'sha512', ['-sha512']],
  ['rsa', { rsaScheme: 'pss' }, '1.2.840.113549.1.1.10', 'sha256', ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32']],
  ['rsa', { rsaScheme: 'pss', digest: 'sha512' }, '1.2.840.113549.1.1.10', 'sha512', ['-sha512', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:64']],
  ['p256', {}, '1.2.840.10045.4.3.2', 'sha256', ['-sha256']],
  ['p384', {}, '1.2.840.10045.4.3.3', 'sha384', ['-sha384']],
  ['p521', {}, '1.2.840.10045.4.3.4', 'sha512', ['-sha512']],
  ['p256', { digest: 'sha512' }, '1.2.840.10045.4.3.4', 'sha512', ['-sha512']],
  ['ed25519', {}, '1.3.101.112', 'sha512', []],
];

describe('signature algorithms', () => {
  it.each(cases)('%s %j -> %s, signs, verifies, openssl agrees', (name, options, oid, digest, dgstArgs) => {
    const pair = key(name);
    const algId = signatureAlgorithmFor(pair.privateKey, options);
    expect(algId.algorithm).toBe(oid);
    expect(digestOfSignatureAlgorithm(algId)).toBe(digest);
    const signature = signWithAlgorithm(data, pair.privateKey, algId);
    expect(verifyWithAlgorithm(data, signature, pair.publicKey, algId)).toBe(true);
    const tampered = new Uint8Array(data);
    tampered[0] ^= 1;
    expect(verifyWithAlgorithm(tampered, signature, pair.publicKey, algId)).toBe(false);

    const file = `${name}-${oid}-${digest}`;
    openssl.write(`${file}.data`, data);
    openssl.write(`${file}.sig`, signature);
    openssl.write(`${file}.pub`, exportPublicKeyPem(pair.publicKey));
    const args = dgstArgs.length > 0
      ? ['dgst', ...dgstArgs, '-verify', `${file}.pub`, '-signature', `${file}.sig`, `${file}.data`]
      : ['pkeyutl', '-verify', '-pubin', '-inkey', `${file}.pub`, '-rawin', '-in', `${file}.data`, '-sigfile', `${file}.sig`];
    expect(openssl.run(args)).toMatch(/Verified OK|Signature Verified Successfully/);
  });

  it('encodes proper RSASSA-PSS-params (hash, MGF1 with the same hash, salt = digest length)', () => {
    const algId = signatureAlgorithmFor(key('rsa').privateKey, { rsaScheme: 'pss', digest: 'sha384' });
    const params = AsnConvert.parse(algId.parameters!, RsaSaPssParams);
    expect(params.hashAlgorithm.algorithm).toBe('2.16.840.1.101.3.4.2.2');
    expect(params.maskGenAlgorithm.algorithm).toBe('1.2.840.113549.1.1.8');
    expect(AsnConvert.parse(params.maskGenAlgorithm.parameters!, AlgorithmIdentifier).algorithm).toBe('2.16.840.1.101.3.4.2.2');
    expect(params.saltLength).toBe(48);
    expect(signatureAlgorithmLabel(algId)).toBe('RSASSA-PSS (SHA-384)');
  });

  it('encodes RSA PKCS#1 with NULL parameters, ECDSA and Ed25519 without parameters (RFC 5754, RFC 8410)', () => {
    const hex = (algId: AlgorithmIdentifier) => Buffer.from(AsnConvert.serialize(algId)).toString('hex');
    expect(hex(signatureAlgorithmFor(key('rsa').publicKey))).toBe('300d06092a864886f70d01010b0500');
    expect(hex(signatureAlgorithmFor(key('p256').publicKey))).toBe('300a06082a8648ce3d040302');
    expect(hex(signatureAlgorithmFor(key('ed25519').publicKey))).toBe('300506032b6570');
  });

  it('picks the default digest per key', () => {
    expect(defaultDigestFor(key('rsa').publicKey)).toBe('sha256');
    expect(defaultDigestFor(key('p256').publicKey)).toBe('sha256');
    expect(defaultDigestFor(key('p384').publicKey)).toBe('sha384');
    expect(defaultDigestFor(key('p521').publicKey)).toBe('sha512');
  });

  it('refuses SHA-1 for signing but verifies SHA-1 signatures made by openssl', () => {
    const sha1WithRsa = new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.5', parameters: null });
    expect(() => signWithAlgorithm(data, key('rsa').privateKey, sha1WithRsa)).toThrow(UnsupportedAlgorithmError);
    expect(() => signatureAlgorithmFor(key('rsa').privateKey, { digest: 'sha1' as never })).toThrow(UnsupportedAlgorithmError);
    expect(digestOfSignatureAlgorithm(sha1WithRsa)).toBe('sha1');
    openssl.run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'sha1.key']);
    openssl.write('sha1.data', data);
    openssl.run(['dgst', '-sha1', '-sign', 'sha1.key', '-out', 'sha1.sig', 'sha1.data']);
    openssl.run(['pkey', '-in', 'sha1.key', '-pubout', '-out', 'sha1.pub']);
    const publicKey = createPublicKey(openssl.readText('sha1.pub'));
    expect(verifyWithAlgorithm(data, new Uint8Array(openssl.read('sha1.sig')), publicKey, sha1WithRsa)).toBe(true);
  });

  it('rejects a key that does not fit the algorithm, unknown algorithms and a digest for Ed25519', () => {
    const ecdsa = signatureAlgorithmFor(key('p256').privateKey);
    expect(() => signWithAlgorithm(data, key('rsa').privateKey, ecdsa)).toThrow(/RSA 2048 key cannot be used with/);
    expect(() => verifyWithAlgorithm(data, new Uint8Array(64), key('ed25519').publicKey, ecdsa)).toThrow(UnsupportedAlgorithmError);
    expect(() => digestOfSignatureAlgorithm(new AlgorithmIdentifier({ algorithm: '1.2.3.4' }))).toThrow(UnsupportedAlgorithmError);
    expect(() => signatureAlgorithmFor(key('ed25519').privateKey, { digest: 'sha256' })).toThrow(UnsupportedAlgorithmError);
  });

  it('treats garbage ECDSA signatures as invalid rather than throwing', () => {
    const algId = signatureAlgorithmFor(key('p256').privateKey);
    expect(verifyWithAlgorithm(data, new Uint8Array([1, 2, 3]), key('p256').publicKey, algId)).toBe(false);
  });
});
