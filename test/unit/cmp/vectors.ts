import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where scripts/gen-cmp-vectors.sh writes the OpenSSL-captured messages and their test PKI. */
export const VECTORS = join(import.meta.dirname, '../../fixtures/cmp');

/** The shared secret and reference every PBM-protected vector was made with. */
export const VECTOR_SECRET = new TextEncoder().encode('cmp-desk-vector-secret');
export const VECTOR_REFERENCE = 'vector-ref-4711';

export function vector(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(VECTORS, name)));
}

export function vectorPki(name: string): string {
  return readFileSync(join(VECTORS, 'pki', name), 'utf8');
}
