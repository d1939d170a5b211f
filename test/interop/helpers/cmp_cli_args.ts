import type { TestPki } from '../../support/test_pki';

/** Shared secret and reference of the PBM-protected mock servers. */
export const SECRET = 'interop-cli-secret-4711';
export const REF = 'interop-cli-ref';

/** The subject and SAN of TestPki.endEntity, which every `openssl cmp -port` enrollment returns (-rsp_cert). */
export const EE_SUBJECT = '/O=cmp-desk tests/CN=ee.cmp-desk.test';
export const EE_SANS = 'ee.cmp-desk.test';

/** `--server` plus, for HTTPS, the TLS trust of the nginx front. */
export function serverArgs(pki: TestPki, url: string): string[] {
  return url.startsWith('https:') ? ['--server', url, '--tls-trusted', pki.trustedCa] : ['--server', url];
}

export function pbmArgs(): string[] {
  return ['--ref', REF, '--secret', `pass:${SECRET}`];
}

/** An IR for the mock server's certificate: the key is the end entity's own (like `openssl cmp -newkey FILE`). */
export function irArgs(pki: TestPki, url: string, extra: readonly string[] = []): string[] {
  return ['--cmd', 'ir', ...serverArgs(pki, url), ...pbmArgs(), '--newkey', pki.endEntity.key, '--subject', EE_SUBJECT, '--sans', EE_SANS,
    '--out-trusted', pki.trustedCa, ...extra];
}
