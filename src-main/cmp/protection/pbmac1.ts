import { createHmac, pbkdf2Sync } from 'node:crypto';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { decodeDer, encodeDer } from '../asn1/decode';
import { id_PBKDF2, id_PBMAC1 } from '../asn1/object_identifiers';
import { Pbkdf2Params, Pbkdf2Salt, Pbmac1Params } from '../asn1/pbmac1_params';
import { HASH_LENGTH, hmacAlgorithm, hmacHashOf, type HashName, type StrongHashName } from './algorithms';
import { checkIterationCount, toArrayBuffer } from './password_based_mac';
import { randomOctets } from '../messages/random_octets';
import { derivedKey } from './derived_key_cache';
import { CmpProtectionError } from './protection_error';

/** How we protect with PBMAC1 (RFC 8018 7.1, RFC 9481 6.1.2): PBKDF2 with an HMAC PRF, then HMAC. */
export interface Pbmac1Settings {
  prf: StrongHashName;
  mac: StrongHashName;
  iterationCount: number;
}

/** Below the 2047 some CAs accept on requests, well above RFC 8018's floor of 1000. */
export const DEFAULT_PBMAC1: Pbmac1Settings = { prf: 'sha256', mac: 'sha256', iterationCount: 2000 };

/** The protectionAlg for PBMAC1 with a fresh 16-byte salt; keyLength is the MAC's output size. */
export function pbmac1Algorithm(settings: Pbmac1Settings, salt: Uint8Array = randomOctets(16)): AlgorithmIdentifier {
  const kdf = new Pbkdf2Params({
    salt: new Pbkdf2Salt({ specified: toArrayBuffer(salt) }),
    iterationCount: settings.iterationCount,
    keyLength: HASH_LENGTH[settings.mac],
    prf: hmacAlgorithm(settings.prf),
  });
  const parameters = new Pbmac1Params({
    keyDerivationFunc: new AlgorithmIdentifier({ algorithm: id_PBKDF2, parameters: toArrayBuffer(encodeDer(kdf)) }),
    messageAuthScheme: hmacAlgorithm(settings.mac),
  });
  return new AlgorithmIdentifier({ algorithm: id_PBMAC1, parameters: toArrayBuffer(encodeDer(parameters)) });
}

/** Everything needed to compute a PBMAC1 value, read and checked from a protectionAlg. */
export interface Pbmac1Computation {
  salt: Uint8Array;
  iterationCount: number;
  keyLength: number;
  prf: HashName;
  mac: HashName;
}

const PARAMETER_LIMITS = { maxBytes: 4096, maxDepth: 8, maxElements: 64 };

export function readPbmac1Parameters(algorithm: AlgorithmIdentifier, maxIterationCount: number): Pbmac1Computation {
  if (!algorithm.parameters) throw new CmpProtectionError('bad-parameters', 'PBMAC1 protectionAlg has no PBMAC1-params');
  let parameters: Pbmac1Params;
  let kdf: Pbkdf2Params;
  try {
    parameters = decodeDer(new Uint8Array(algorithm.parameters), Pbmac1Params, 'PBMAC1-params', PARAMETER_LIMITS);
    if (parameters.keyDerivationFunc.algorithm !== id_PBKDF2) {
      throw new CmpProtectionError('unsupported-algorithm', `PBMAC1 key derivation ${parameters.keyDerivationFunc.algorithm} is not supported (expected PBKDF2)`);
    }
    const kdfParameters = parameters.keyDerivationFunc.parameters;
    if (!kdfParameters) throw new CmpProtectionError('bad-parameters', 'PBMAC1 PBKDF2 has no PBKDF2-params');
    kdf = decodeDer(new Uint8Array(kdfParameters), Pbkdf2Params, 'PBKDF2-params', PARAMETER_LIMITS);
  } catch (error) {
    if (error instanceof CmpProtectionError) throw error;
    throw new CmpProtectionError('bad-parameters', (error as Error).message, { cause: error });
  }
  if (!kdf.salt.specified) throw new CmpProtectionError('unsupported-algorithm', 'PBKDF2 salt from otherSource is not supported');
  if (!kdf.prf) throw new CmpProtectionError('unsupported-algorithm', 'PBKDF2 without prf means HMAC-SHA1, which is not accepted for PBMAC1');
  checkIterationCount('PBMAC1', kdf.iterationCount, maxIterationCount);
  const prf = hmacHashOf(kdf.prf, 'PBKDF2 PRF');
  const mac = hmacHashOf(parameters.messageAuthScheme, 'PBMAC1 MAC algorithm');
  const keyLength = kdf.keyLength ?? HASH_LENGTH[mac];
  if (keyLength < 16 || keyLength > 128) throw new CmpProtectionError('bad-parameters', `PBKDF2 keyLength ${keyLength} (expected 16..128)`);
  return { salt: new Uint8Array(kdf.salt.specified), iterationCount: kdf.iterationCount, keyLength, prf, mac };
}

/** MAC = HMAC(PBKDF2(secret, salt, iterationCount, keyLength, prf), data). */
export function computePbmac1(computation: Pbmac1Computation, secret: Uint8Array, data: Uint8Array): Uint8Array {
  const { salt, iterationCount, keyLength, prf } = computation;
  const key = derivedKey('pbkdf2', `${prf}/${iterationCount}/${keyLength}`, secret, salt, () => pbkdf2Sync(secret, salt, iterationCount, keyLength, prf));
  return new Uint8Array(createHmac(computation.mac, key).update(data).digest());
}
