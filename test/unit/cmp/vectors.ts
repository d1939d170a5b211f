import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where scripts/gen-cmp-vectors.sh writes the OpenSSL-captured messages and their test PKI. */
export const VECTORS = join(import.meta.dirname, '../../fixtures/cmp');

/** The shared secret and reference every PBM-protected vector was made with. */
export const VECTOR_SECRET = new TextEncoder().encode('cmp-desk-vector-secret');
export const VECTOR_REFERENCE = 'vector-ref-4711';

export function vector(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(VECTORS, name)));
}

/** Path of a file of the vectors' test PKI. */
export const VECTOR_PKI_FILE = (name: string): string => join(VECTORS, 'pki', name);

export function vectorPki(name: string): string {
  return readFileSync(join(VECTORS, 'pki', name), 'utf8');
}

/** OpenSSL mock-server arguments for PBM with the vectors' secret. */
export const OPENSSL_PBM_ARGS = [
  '-ref', VECTOR_REFERENCE, '-secret', 'pass:cmp-desk-vector-secret', '-srv_ref', VECTOR_REFERENCE, '-srv_secret', 'pass:cmp-desk-vector-secret',
];

/**
 * Sends `request` through OpenSSL's CMP client to its mock server (which verifies the request's
 * protection) and returns OpenSSL's log; "received IP"/"received CP" means OpenSSL accepted it.
 */
export function sendThroughOpensslMockServer(request: Uint8Array, command: 'ir' | 'cr' | 'kur' | 'p10cr' | 'rr' | 'genm', serverArgs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cmp-vector-'));
  try {
    const requestFile = join(dir, 'request.der');
    writeFileSync(requestFile, request);
    const pki = VECTOR_PKI_FILE;
    const result = spawnSync('openssl', [
      'cmp', '-batch', '-verbosity', '6', '-use_mock_srv', '-cmd', command, '-reqin', requestFile, '-disable_confirm',
      '-certout', join(dir, 'out.pem'), '-recipient', '/CN=x', '-rsp_cert', pki('enrolled.crt'),
      ...(command === 'ir' || command === 'cr' ? ['-subject', '/CN=x', '-newkey', pki('enrolled.key')] : []),
      ...serverArgs,
    ], { encoding: 'utf8', timeout: 15_000 });
    return `${result.stdout}${result.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
