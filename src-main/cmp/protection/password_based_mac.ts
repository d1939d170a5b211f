import { createHash, createHmac, hash } from 'node:crypto';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { decodeDer, encodeDer } from '../asn1/decode';
import { id_PasswordBasedMac } from '../asn1/object_identifiers';
import { PBMParameter } from '../asn1/pbm_parameter';
import { CmpDecodeError } from '../asn1/der_limits';
import { hashAlgorithm, hashOf, hmacAlgorithm, hmacHashOf, type StrongHashName } from './algorithms';
import { randomOctets } from '../messages/random_octets';
import { derivedKey } from './derived_key_cache';
import { iterateSha256 } from './iterated_sha256';
import { CmpProtectionError } from './protection_error';

/** How we protect with PasswordBasedMac (RFC 9810 5.1.3.1). */
export interface PasswordBasedMacSettings {
  owf: StrongHashName;
  mac: StrongHashName;
  /** Some CAs refuse more than 2047 on requests; 500 is the common default. */
  iterationCount: number;
}

export const DEFAULT_PASSWORD_BASED_MAC: PasswordBasedMacSettings = { owf: 'sha256', mac: 'sha256', iterationCount: 500 };

/**
 * Iteration counts are chosen by the peer on receipt, so an unbounded count is a denial of service;
 * 100000 covers every sane configuration.
 */
export const DEFAULT_MAX_ITERATION_COUNT = 100_000;

/** The protectionAlg for PasswordBasedMac with a fresh 16-byte salt. */
export function passwordBasedMacAlgorithm(settings: PasswordBasedMacSettings, salt: Uint8Array = randomOctets(16)): AlgorithmIdentifier {
  const parameters = new PBMParameter({
    salt: new Uint8Array(salt).buffer,
    owf: hashAlgorithm(settings.owf),
    iterationCount: settings.iterationCount,
    mac: hmacAlgorithm(settings.mac),
  });
  return new AlgorithmIdentifier({ algorithm: id_PasswordBasedMac, parameters: toArrayBuffer(encodeDer(parameters)) });
}

/** Reads PBMParameter from a protectionAlg, refusing what we cannot or will not compute. */
export function readPasswordBasedMacParameters(algorithm: AlgorithmIdentifier, maxIterationCount: number): PBMParameter {
  if (!algorithm.parameters) throw new CmpProtectionError('bad-parameters', 'PasswordBasedMac protectionAlg has no PBMParameter');
  let parameters: PBMParameter;
  try {
    parameters = decodeDer(new Uint8Array(algorithm.parameters), PBMParameter, 'PBMParameter', { maxBytes: 4096, maxDepth: 8, maxElements: 64 });
  } catch (error) {
    throw new CmpProtectionError('bad-parameters', (error as CmpDecodeError).message, { cause: error });
  }
  checkIterationCount('PasswordBasedMac', parameters.iterationCount, maxIterationCount);
  if (parameters.salt.byteLength === 0 || parameters.salt.byteLength > 256) {
    throw new CmpProtectionError('bad-parameters', `PasswordBasedMac salt of ${parameters.salt.byteLength} bytes (expected 1..256)`);
  }
  return parameters;
}

export function checkIterationCount(scheme: string, count: number, max: number): void {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new CmpProtectionError('bad-parameters', `${scheme} iteration count ${count} (expected 1..${max})`);
  }
  if (count > max) {
    throw new CmpProtectionError('iteration-count-too-high', `${scheme} iteration count ${count} exceeds the accepted maximum ${max}`);
  }
}

/** MAC = HMAC(OWF^iterationCount(secret || salt), data). */
export function computePasswordBasedMac(parameters: PBMParameter, secret: Uint8Array, data: Uint8Array): Uint8Array {
  const owf = hashOf(parameters.owf, 'PasswordBasedMac one-way function');
  const mac = hmacHashOf(parameters.mac, 'PasswordBasedMac MAC algorithm');
  const salt = new Uint8Array(parameters.salt);
  const key = derivedKey('pbm', `${owf}/${parameters.iterationCount}`, secret, salt, () => {
    let stretched = createHash(owf).update(secret).update(salt).digest();
    if (owf === 'sha256') return iterateSha256(stretched, parameters.iterationCount - 1);
    // One-shot hash() skips a Hash object per round: the iterations are most of a PBM's cost.
    for (let i = 1; i < parameters.iterationCount; i++) stretched = hash(owf, stretched, 'buffer');
    return stretched;
  });
  return new Uint8Array(createHmac(mac, key).update(data).digest());
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
