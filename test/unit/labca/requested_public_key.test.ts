import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CmpRequestRefused } from '../../../src-main/labca/cmp_refusal';
import { requestedPublicKey } from '../../../src-main/labca/requested_public_key';

const spkiOf = (key: KeyObject) => new Uint8Array(key.export({ type: 'spki', format: 'der' }));

function refusal(spki: Uint8Array): CmpRequestRefused | undefined {
  try {
    requestedPublicKey(spki);
  } catch (error) {
    if (error instanceof CmpRequestRefused) return error;
    throw error;
  }
  return undefined;
}

describe('requestedPublicKey', () => {
  it('imports EC keys on P-256, P-384 and P-521, RSA and Ed25519 as the very key requested', () => {
    const keys = [
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey,
      generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey,
      generateKeyPairSync('ec', { namedCurve: 'P-521' }).publicKey,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
      generateKeyPairSync('ed25519').publicKey,
    ];
    for (const key of keys) {
      const imported = requestedPublicKey(spkiOf(key));
      expect(imported.equals(key)).toBe(true);
      expect(Buffer.from(spkiOf(imported))).toEqual(Buffer.from(spkiOf(key)));
    }
  });

  it('imports a compressed EC point (not the JWK shape) through DER', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const jwk = key.export({ format: 'jwk' });
    const y = Buffer.from(jwk.y!, 'base64url');
    const compressed = Buffer.concat([Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex'), Buffer.of(y[y.length - 1] & 1 ? 3 : 2), Buffer.from(jwk.x!, 'base64url')]);
    expect(requestedPublicKey(new Uint8Array(compressed)).equals(createPublicKey({ key: compressed, format: 'der', type: 'spki' }))).toBe(true);
  });

  it('refuses a point off the curve and bytes that are no key as badCertTemplate', () => {
    const spki = spkiOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
    const offCurve = spki.slice();
    offCurve[offCurve.length - 1] ^= 0x01;
    for (const bad of [offCurve, spki.subarray(0, spki.length - 1), Uint8Array.of(0x30, 0x00)]) {
      expect(refusal(bad)?.failInfo).toBe('badCertTemplate');
    }
  });
});
