import type { KeyObject } from 'node:crypto';
import { publicKeyFromSpki } from '../pki';
import { CmpRequestRefused } from './cmp_refusal';

/** The requested key (SubjectPublicKeyInfo DER) as a KeyObject, for the proof of possession; a refusal when it cannot be read. */
export function requestedPublicKey(spki: Uint8Array): KeyObject {
  try {
    return publicKeyFromSpki(spki);
  } catch (error) {
    throw new CmpRequestRefused('badCertTemplate', `the requested public key cannot be read: ${(error as Error).message}`);
  }
}
