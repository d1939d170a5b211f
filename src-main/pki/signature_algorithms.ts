import { constants, sign, verify, type KeyObject } from 'node:crypto';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import * as rsa from '@peculiar/asn1-rsa';
import * as ecc from '@peculiar/asn1-ecc';
import { describeCause, SignatureError, UnsupportedAlgorithmError } from './errors';
import { keyLabel } from './keys';
import { id_Ed25519, id_mgf1 } from './object_identifiers';
import { parseDer, serializeDer } from './asn1_codec';

/**
 * The one place that maps a key and a digest to an X.509 signature AlgorithmIdentifier, and signs
 * and verifies with it through node:crypto. CSRs, certificates and CMP protection all come through here.
 */

export type SigningDigest = 'sha256' | 'sha384' | 'sha512';
/** Digests we verify; SHA-1 only because old roots and CAs still carry SHA-1 signatures. */
export type VerifyingDigest = SigningDigest | 'sha1' | 'sha224';
export type RsaSignatureScheme = 'pkcs1' | 'pss';

export interface SignatureAlgorithmOptions {
  /** Default per key: P-384 -> sha384, P-521 -> sha512, everything else -> sha256. */
  digest?: SigningDigest;
  /** RSA keys only (other keys have one scheme and ignore it); default PKCS#1 v1.5. */
  rsaScheme?: RsaSignatureScheme;
}

type Family = 'rsa' | 'pss' | 'ecdsa' | 'ed25519';
interface KnownAlgorithm {
  family: Family;
  digest: VerifyingDigest;
}

const DIGEST_OIDS: Record<VerifyingDigest, string> = {
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};
const DIGEST_LENGTH: Record<VerifyingDigest, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

const BY_OID: Record<string, KnownAlgorithm> = {
  [rsa.id_sha1WithRSAEncryption]: { family: 'rsa', digest: 'sha1' },
  [rsa.id_sha224WithRSAEncryption]: { family: 'rsa', digest: 'sha224' },
  [rsa.id_sha256WithRSAEncryption]: { family: 'rsa', digest: 'sha256' },
  [rsa.id_sha384WithRSAEncryption]: { family: 'rsa', digest: 'sha384' },
  [rsa.id_sha512WithRSAEncryption]: { family: 'rsa', digest: 'sha512' },
  [ecc.id_ecdsaWithSHA1]: { family: 'ecdsa', digest: 'sha1' },
  [ecc.id_ecdsaWithSHA224]: { family: 'ecdsa', digest: 'sha224' },
  [ecc.id_ecdsaWithSHA256]: { family: 'ecdsa', digest: 'sha256' },
  [ecc.id_ecdsaWithSHA384]: { family: 'ecdsa', digest: 'sha384' },
  [ecc.id_ecdsaWithSHA512]: { family: 'ecdsa', digest: 'sha512' },
  [id_Ed25519]: { family: 'ed25519', digest: 'sha512' },
};

const RSA_PKCS1_OID: Record<SigningDigest, string> = {
  sha256: rsa.id_sha256WithRSAEncryption,
  sha384: rsa.id_sha384WithRSAEncryption,
  sha512: rsa.id_sha512WithRSAEncryption,
};
const ECDSA_OID: Record<SigningDigest, string> = {
  sha256: ecc.id_ecdsaWithSHA256,
  sha384: ecc.id_ecdsaWithSHA384,
  sha512: ecc.id_ecdsaWithSHA512,
};

/** The digest a key signs with unless configured: matched to the curve strength, SHA-256 otherwise. */
export function defaultDigestFor(key: KeyObject): SigningDigest {
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'secp384r1') return 'sha384';
    if (curve === 'secp521r1') return 'sha512';
  }
  if (key.asymmetricKeyType === 'ed25519') return 'sha512';
  return 'sha256';
}

/** The signature AlgorithmIdentifier for a key (private or public) and options. */
export function signatureAlgorithmFor(key: KeyObject, options: SignatureAlgorithmOptions = {}): AlgorithmIdentifier {
  const digest = options.digest ?? defaultDigestFor(key);
  if ((digest as string) === 'sha1' || !(digest in RSA_PKCS1_OID)) {
    throw new UnsupportedAlgorithmError(`Signing with digest "${digest}" is refused; use sha256, sha384 or sha512`);
  }
  switch (key.asymmetricKeyType) {
    case 'rsa':
      if (options.rsaScheme === 'pss') return pssAlgorithm(digest);
      return new AlgorithmIdentifier({ algorithm: RSA_PKCS1_OID[digest], parameters: null });
    case 'rsa-pss':
      return pssAlgorithm(digest);
    case 'ec':
      return new AlgorithmIdentifier({ algorithm: ECDSA_OID[digest] });
    case 'ed25519':
      if (options.digest && options.digest !== 'sha512') {
        throw new UnsupportedAlgorithmError(`Ed25519 has no digest choice; "${options.digest}" cannot be used`);
      }
      return new AlgorithmIdentifier({ algorithm: id_Ed25519 });
    default:
      throw new UnsupportedAlgorithmError(`Cannot sign with a ${keyLabel(key)} key`);
  }
}

function digestAlgorithm(digest: VerifyingDigest): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: DIGEST_OIDS[digest], parameters: null });
}

/** RSASSA-PSS with MGF1 over the same digest and a salt as long as the digest (RFC 4055, RFC 9481). */
function pssAlgorithm(digest: SigningDigest): AlgorithmIdentifier {
  const params = new rsa.RsaSaPssParams({
    hashAlgorithm: digestAlgorithm(digest),
    maskGenAlgorithm: new AlgorithmIdentifier({ algorithm: id_mgf1, parameters: serializeDer(digestAlgorithm(digest)) }),
    saltLength: DIGEST_LENGTH[digest],
  });
  return new AlgorithmIdentifier({ algorithm: rsa.id_RSASSA_PSS, parameters: serializeDer(params) });
}

interface ResolvedAlgorithm extends KnownAlgorithm {
  saltLength?: number;
}

function resolve(algId: AlgorithmIdentifier): ResolvedAlgorithm {
  if (algId.algorithm === rsa.id_RSASSA_PSS) return resolvePss(algId);
  const known = BY_OID[algId.algorithm];
  if (!known) throw new UnsupportedAlgorithmError(`Signature algorithm ${algId.algorithm} is not supported`);
  return known;
}

function resolvePss(algId: AlgorithmIdentifier): ResolvedAlgorithm {
  let params: rsa.RsaSaPssParams;
  try {
    params = algId.parameters ? parseDer(algId.parameters, rsa.RsaSaPssParams) : new rsa.RsaSaPssParams();
  } catch (cause) {
    throw new UnsupportedAlgorithmError(`RSASSA-PSS parameters are malformed: ${describeCause(cause)}`);
  }
  const digest = digestByOid(params.hashAlgorithm.algorithm);
  if (params.maskGenAlgorithm.algorithm !== id_mgf1) {
    throw new UnsupportedAlgorithmError(`RSASSA-PSS mask generation ${params.maskGenAlgorithm.algorithm} is not supported (only MGF1)`);
  }
  let mgfDigest: VerifyingDigest;
  try {
    const mgfHash = parseDer(params.maskGenAlgorithm.parameters ?? new ArrayBuffer(0), AlgorithmIdentifier);
    mgfDigest = digestByOid(mgfHash.algorithm);
  } catch (cause) {
    if (cause instanceof UnsupportedAlgorithmError) throw cause;
    throw new UnsupportedAlgorithmError(`RSASSA-PSS MGF1 parameters are malformed: ${describeCause(cause)}`);
  }
  if (mgfDigest !== digest) {
    throw new UnsupportedAlgorithmError(`RSASSA-PSS with MGF1-${mgfDigest} over ${digest} is not supported; both must match`);
  }
  if (params.trailerField !== 1) throw new UnsupportedAlgorithmError(`RSASSA-PSS trailer field ${params.trailerField} is not supported`);
  return { family: 'pss', digest, saltLength: params.saltLength };
}

function digestByOid(oid: string): VerifyingDigest {
  const entry = Object.entries(DIGEST_OIDS).find(([, value]) => value === oid);
  if (!entry) throw new UnsupportedAlgorithmError(`Digest algorithm ${oid} is not supported`);
  return entry[0] as VerifyingDigest;
}

/**
 * The hash a signature algorithm uses, e.g. for the CMP certConf certHash (RFC 9810 5.3.18):
 * the certificate's signature hash; SHA-512 for Ed25519 (RFC 9481 3.3).
 */
export function digestOfSignatureAlgorithm(algId: AlgorithmIdentifier): VerifyingDigest {
  return resolve(algId).digest;
}

/** A readable name of a signature algorithm, e.g. "ecdsa-with-SHA384", "RSASSA-PSS (SHA-256)". */
export function signatureAlgorithmLabel(algId: AlgorithmIdentifier): string {
  try {
    const { family, digest } = resolve(algId);
    const hash = digest.toUpperCase().replace('SHA', 'SHA-');
    if (family === 'ed25519') return 'Ed25519';
    if (family === 'pss') return `RSASSA-PSS (${hash})`;
    if (family === 'ecdsa') return `ecdsa-with-${digest.toUpperCase()}`;
    return `${digest}WithRSAEncryption`;
  } catch {
    return algId.algorithm;
  }
}

function assertKeyFits(key: KeyObject, family: Family, algId: AlgorithmIdentifier): void {
  const type = key.asymmetricKeyType;
  const fits =
    (family === 'rsa' && type === 'rsa') ||
    (family === 'pss' && (type === 'rsa' || type === 'rsa-pss')) ||
    (family === 'ecdsa' && type === 'ec') ||
    (family === 'ed25519' && type === 'ed25519');
  if (!fits) {
    throw new UnsupportedAlgorithmError(
      `A ${keyLabel(key)} key cannot be used with signature algorithm ${signatureAlgorithmLabel(algId)}`,
    );
  }
}

function nodeKeyOptions(key: KeyObject, algorithm: ResolvedAlgorithm) {
  if (algorithm.family === 'pss') {
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.saltLength ?? 20 };
  }
  if (algorithm.family === 'ecdsa') return { key, dsaEncoding: 'der' as const };
  return { key };
}

/** Signs `data` with the algorithm named by `algId`. Refuses SHA-1 and keys that do not fit the algorithm. */
export function signWithAlgorithm(data: Uint8Array, privateKey: KeyObject, algId: AlgorithmIdentifier): Uint8Array {
  const algorithm = resolve(algId);
  if (algorithm.digest === 'sha1' || algorithm.digest === 'sha224') {
    throw new UnsupportedAlgorithmError(`Signing with ${signatureAlgorithmLabel(algId)} is refused; use SHA-256 or stronger`);
  }
  assertKeyFits(privateKey, algorithm.family, algId);
  try {
    const digest = algorithm.family === 'ed25519' ? null : algorithm.digest;
    return new Uint8Array(sign(digest, data, nodeKeyOptions(privateKey, algorithm)));
  } catch (cause) {
    throw new SignatureError(`Signing with ${signatureAlgorithmLabel(algId)} failed: ${describeCause(cause)}`, { cause });
  }
}

/**
 * True when `signature` over `data` verifies under `publicKey` with `algId`. False for a wrong signature;
 * UnsupportedAlgorithmError when the algorithm is unknown or does not fit the key.
 */
export function verifyWithAlgorithm(
  data: Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
  algId: AlgorithmIdentifier,
): boolean {
  const algorithm = resolve(algId);
  assertKeyFits(publicKey, algorithm.family, algId);
  try {
    const digest = algorithm.family === 'ed25519' ? null : algorithm.digest;
    return verify(digest, data, nodeKeyOptions(publicKey, algorithm), signature);
  } catch {
    // OpenSSL rejects structurally broken signatures (e.g. bad ECDSA DER) by throwing: that is a bad signature.
    return false;
  }
}
