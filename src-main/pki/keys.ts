import { createPublicKey, generateKeyPair as generateNodeKeyPair, type KeyObject } from 'node:crypto';
import { KeySpecError, UnsupportedAlgorithmError } from './errors';
import { ecJwk } from './ec_spki_jwk';

/** The key algorithms and sizes cmp-desk generates (DESIGN.md: RSA 2048/3072/4096, ECDSA P-256/384/521, Ed25519). */
export type RsaBits = 2048 | 3072 | 4096;
export type EcCurve = 'P-256' | 'P-384' | 'P-521';
export type KeySpec = { kind: 'rsa'; bits: RsaBits } | { kind: 'ec'; curve: EcCurve } | { kind: 'ed25519' };

/** Keys in main-process APIs are node:crypto KeyObjects. */
export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface KeyDescription {
  spec: KeySpec;
  /** What the administrator sees, e.g. "EC P-256", "RSA 3072", "Ed25519". */
  label: string;
}

const RSA_BITS: readonly RsaBits[] = [2048, 3072, 4096];
const EC_CURVES: readonly EcCurve[] = ['P-256', 'P-384', 'P-521'];
/** OpenSSL's curve names (what KeyObject.asymmetricKeyDetails reports) to the NIST names we use. */
const CURVE_BY_OPENSSL_NAME: Record<string, EcCurve> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/** Parses "rsa:2048", "ec:P-256" (also "ecdsa:p-256") or "ed25519" into a KeySpec. */
export function parseKeySpec(text: string): KeySpec {
  const normalized = text.trim().toLowerCase();
  if (normalized === 'ed25519') return { kind: 'ed25519' };
  const [kind, parameter, ...rest] = normalized.split(':');
  if (rest.length === 0 && kind === 'rsa') {
    const bits = Number(parameter);
    if (RSA_BITS.includes(bits as RsaBits)) return { kind: 'rsa', bits: bits as RsaBits };
    throw new KeySpecError(`RSA key size "${parameter ?? ''}" is not supported; expected one of ${RSA_BITS.join(', ')}`);
  }
  if (rest.length === 0 && (kind === 'ec' || kind === 'ecdsa')) {
    const curve = EC_CURVES.find((c) => c.toLowerCase() === parameter);
    if (curve) return { kind: 'ec', curve };
    throw new KeySpecError(`EC curve "${parameter ?? ''}" is not supported; expected one of ${EC_CURVES.join(', ')}`);
  }
  throw new KeySpecError(`Key algorithm "${text}" is not understood; expected rsa:<bits>, ec:<curve> or ed25519`);
}

/** The canonical text of a KeySpec, the inverse of parseKeySpec. */
export function formatKeySpec(spec: KeySpec): string {
  switch (spec.kind) {
    case 'rsa':
      return `rsa:${spec.bits}`;
    case 'ec':
      return `ec:${spec.curve}`;
    case 'ed25519':
      return 'ed25519';
  }
}

/** Generates a fresh key pair off the main thread (node:crypto's async generator). */
export function generateKeyPair(spec: KeySpec): Promise<KeyPair> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, publicKey: KeyObject, privateKey: KeyObject) =>
      error ? reject(error) : resolve({ privateKey, publicKey });
    switch (spec.kind) {
      case 'rsa':
        if (!RSA_BITS.includes(spec.bits)) throw new KeySpecError(`RSA key size ${spec.bits} is not supported`);
        generateNodeKeyPair('rsa', { modulusLength: spec.bits, publicExponent: 0x10001 }, done);
        return;
      case 'ec':
        if (!EC_CURVES.includes(spec.curve)) throw new KeySpecError(`EC curve ${spec.curve} is not supported`);
        generateNodeKeyPair('ec', { namedCurve: spec.curve }, done);
        return;
      case 'ed25519':
        generateNodeKeyPair('ed25519', {}, done);
        return;
    }
  });
}

/** The public half of a key: itself when public, derived when private. */
export function toPublicKey(key: KeyObject): KeyObject {
  return key.type === 'public' ? key : createPublicKey(key);
}

/** A display label for any key, including ones outside the KeySpec set (e.g. "RSA 1024" of an old root). */
export function keyLabel(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return `RSA ${details.modulusLength ?? '?'}`;
    case 'rsa-pss':
      return `RSA-PSS ${details.modulusLength ?? '?'}`;
    case 'ec': {
      const curve = details.namedCurve ?? '?';
      return `EC ${CURVE_BY_OPENSSL_NAME[curve] ?? curve}`;
    }
    case 'ed25519':
      return 'Ed25519';
    case 'ed448':
      return 'Ed448';
    default:
      return (key.asymmetricKeyType ?? 'unknown').toUpperCase();
  }
}

/** The KeySpec of a key plus its label; throws UnsupportedAlgorithmError for keys cmp-desk does not use. */
export function describeKey(key: KeyObject): KeyDescription {
  const label = keyLabel(key);
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' && RSA_BITS.includes(details.modulusLength as RsaBits)) {
    return { spec: { kind: 'rsa', bits: details.modulusLength as RsaBits }, label };
  }
  if (key.asymmetricKeyType === 'ec' && details.namedCurve && CURVE_BY_OPENSSL_NAME[details.namedCurve]) {
    return { spec: { kind: 'ec', curve: CURVE_BY_OPENSSL_NAME[details.namedCurve] }, label };
  }
  if (key.asymmetricKeyType === 'ed25519') return { spec: { kind: 'ed25519' }, label };
  throw new UnsupportedAlgorithmError(
    `Key ${label} is not supported; expected RSA ${RSA_BITS.join('/')}, EC ${EC_CURVES.join('/')} or Ed25519`,
  );
}

/**
 * Each key's SubjectPublicKeyInfo, computed once: exporting goes through OpenSSL, and a private
 * key's public half costs a scalar multiplication (EC) every time. KeyObjects never change.
 */
const spkiByKey = new WeakMap<KeyObject, Buffer>();

function spkiOf(key: KeyObject): Buffer {
  let der = spkiByKey.get(key);
  if (!der) {
    const publicKey = toPublicKey(key);
    der = publicKey.export({ type: 'spki', format: 'der' });
    spkiByKey.set(key, der);
    rememberExported(der, publicKey);
  }
  return der;
}

/**
 * Public keys by the SubjectPublicKeyInfo we exported them as, most recent last: a certificate
 * issued for a key we requested carries exactly these bytes, and then is given that very key
 * instead of decoding it again (which also makes "same key?" an identity check). Public keys only.
 */
const exportedKeys = new Map<string, KeyObject>();
const MAX_EXPORTED_KEYS = 1024;

function rememberExported(der: Buffer, publicKey: KeyObject): void {
  const id = der.toString('base64');
  exportedKeys.delete(id);
  exportedKeys.set(id, publicKey);
  if (exportedKeys.size > MAX_EXPORTED_KEYS) exportedKeys.delete(exportedKeys.keys().next().value as string);
}

/** The public key of a DER SubjectPublicKeyInfo (an EC point through JWK, see ec_spki_jwk); throws what createPublicKey throws for a malformed or unsupported one. */
export function publicKeyFromSpki(der: Uint8Array): KeyObject {
  const bytes = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  const known = exportedKeys.get(bytes.toString('base64'));
  if (known) return known;
  const jwk = ecJwk(der);
  return jwk ? createPublicKey({ key: jwk, format: 'jwk' }) : createPublicKey({ key: bytes, format: 'der', type: 'spki' });
}

/** The SubjectPublicKeyInfo DER of a key (public, or the public half of a private key). */
export function publicKeyDer(key: KeyObject): Uint8Array {
  return new Uint8Array(spkiOf(key));
}

/** True when both keys have the same SubjectPublicKeyInfo, e.g. "the issued certificate carries the key we requested". */
export function sameSubjectPublicKey(a: KeyObject, b: KeyObject): boolean {
  return a === b || spkiOf(a).equals(spkiOf(b));
}
