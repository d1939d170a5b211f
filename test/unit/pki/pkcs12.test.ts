import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPkcs12, generateKeyPair, importPrivateKey, parsePemBundle, Pkcs12Error, pkcs12Kdf, sameSubjectPublicKey } from '../../../src-main/pki';
import { buildTestChain, type TestChain } from './chain_fixtures';
import { opensslDir } from './openssl';

const openssl = opensslDir();
afterAll(() => openssl.remove());

let chain: TestChain;
beforeAll(async () => {
  chain = await buildTestChain();
});

describe('exportPkcs12', () => {
  it.each([
    ['modern', false, /PBES2, PBKDF2, AES-256-CBC/, /MAC: sha256/],
    ['legacy', true, /pbeWithSHA1And3-KeyTripleDES-CBC/, /MAC: sha1/],
  ])('%s: openssl pkcs12 reads key, leaf and chain with the passphrase', (name, legacy, keyAlgorithm, macAlgorithm) => {
    const p12 = exportPkcs12(
      { certificate: chain.leaf, privateKey: chain.leafKey.privateKey, chain: [chain.issuing, chain.root] },
      { passphrase: 'pässword 1', legacy, friendlyName: 'sip interface' },
    );
    openssl.write(`${name}.p12`, p12);
    const output = openssl.run(['pkcs12', '-in', `${name}.p12`, '-passin', 'pass:pässword 1', '-noenc']);
    const certificates = parsePemBundle(output);
    expect(certificates.map((c) => c.sha256Fingerprint)).toEqual([chain.leaf, chain.issuing, chain.root].map((c) => c.sha256Fingerprint));
    expect(sameSubjectPublicKey(importPrivateKey(output).publicKey, chain.leafKey.publicKey)).toBe(true);
    expect(output).toContain('friendlyName: sip interface');
    const info = openssl.runStatus(['pkcs12', '-in', `${name}.p12`, '-passin', 'pass:pässword 1', '-info', '-noout']);
    expect(info.status).toBe(0);
    expect(info.output).toMatch(keyAlgorithm);
    expect(info.output).toMatch(macAlgorithm);
    expect(openssl.runStatus(['pkcs12', '-in', `${name}.p12`, '-passin', 'pass:wrong', '-noenc']).status).not.toBe(0);
  });

  it('refuses an empty passphrase and a key that is not the certificate\'s', async () => {
    expect(() => exportPkcs12({ certificate: chain.leaf, privateKey: chain.leafKey.privateKey }, { passphrase: '' })).toThrow(Pkcs12Error);
    const other = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    expect(() => exportPkcs12({ certificate: chain.leaf, privateKey: other.privateKey }, { passphrase: 'x' })).toThrow(/does not belong/);
  });
});

describe('pkcs12Kdf', () => {
  // RFC 7292 has no vectors; these come from the widely used set (BouncyCastle PKCS12Test / pyca), password "smeg".
  it('derives the known SHA-1 key and IV for password "smeg"', () => {
    const salt = Buffer.from('0a58cf64530d823f', 'hex');
    expect(pkcs12Kdf('sha1', 'smeg', salt, 1, 'key', 24).toString('hex')).toBe('8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3');
    expect(pkcs12Kdf('sha1', 'smeg', salt, 1, 'iv', 8).toString('hex')).toBe('79993dfe048d3b76');
  });
});
