import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import * as oid from '../asn1/object_identifiers';
import { CmpProtectionError } from './protection_error';

/** Hash functions accepted as PBM one-way function or as PBKDF2/HMAC hash. */
export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
/** Hashes we generate with; SHA-1 and SHA-224 are read from legacy peers only. */
export type StrongHashName = 'sha256' | 'sha384' | 'sha512';

const HASH_BY_OID: Record<string, HashName> = {
  [oid.id_sha1]: 'sha1',
  [oid.id_sha224]: 'sha224',
  [oid.id_sha256]: 'sha256',
  [oid.id_sha384]: 'sha384',
  [oid.id_sha512]: 'sha512',
};

const HMAC_BY_OID: Record<string, HashName> = {
  [oid.id_hmac_sha1]: 'sha1',
  [oid.id_hmacWithSHA1]: 'sha1',
  [oid.id_hmacWithSHA224]: 'sha224',
  [oid.id_hmacWithSHA256]: 'sha256',
  [oid.id_hmacWithSHA384]: 'sha384',
  [oid.id_hmacWithSHA512]: 'sha512',
};

const HMAC_OID: Record<StrongHashName, string> = {
  sha256: oid.id_hmacWithSHA256,
  sha384: oid.id_hmacWithSHA384,
  sha512: oid.id_hmacWithSHA512,
};

const HASH_OID: Record<HashName, string> = {
  sha1: oid.id_sha1,
  sha224: oid.id_sha224,
  sha256: oid.id_sha256,
  sha384: oid.id_sha384,
  sha512: oid.id_sha512,
};

export const HASH_LENGTH: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/** Digest AlgorithmIdentifier; parameters absent as RFC 5754 prefers. */
export function hashAlgorithm(hash: HashName): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: HASH_OID[hash] });
}

/** HMAC AlgorithmIdentifier with NULL parameters, as OpenSSL and RFC 8018 B.1.2 write it. */
export function hmacAlgorithm(hash: StrongHashName): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: HMAC_OID[hash], parameters: null });
}

export function hashOf(algorithm: AlgorithmIdentifier, role: string): HashName {
  const hash = HASH_BY_OID[algorithm.algorithm];
  if (!hash) throw new CmpProtectionError('unsupported-algorithm', `${role} ${algorithm.algorithm} is not supported (expected SHA-1/224/256/384/512)`);
  return hash;
}

export function hmacHashOf(algorithm: AlgorithmIdentifier, role: string): HashName {
  const hash = HMAC_BY_OID[algorithm.algorithm];
  if (!hash) throw new CmpProtectionError('unsupported-algorithm', `${role} ${algorithm.algorithm} is not supported (expected HMAC-SHA1/224/256/384/512)`);
  return hash;
}

/** The digest name for an OID, or undefined; used for certConf hashAlg. */
export function hashNameByOid(algorithmOid: string): HashName | undefined {
  return HASH_BY_OID[algorithmOid];
}
