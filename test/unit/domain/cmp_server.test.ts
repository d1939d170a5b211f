import { describe, expect, it } from 'vitest';
import { cmpServerSchema } from '../../../src-shared/domain/cmp_server';

const server = {
  id: '0b6c3f0e-5f3c-4c55-9d7e-5c6d1f1d2a10',
  name: 'ca-1',
  url: 'https://ca.example.net/.well-known/cmp',
  tlsProfileId: null,
  responseTrustAnchorIds: [],
  expectedSender: null as string | null,
  messageTimeoutSeconds: 30,
  totalTimeoutSeconds: 300,
  pollingRetryCount: 3,
};

/** The messages zod gives for expectedSender, or [] when the value is accepted. */
function senderProblems(expectedSender: string | null): string[] {
  const result = cmpServerSchema.safeParse({ ...server, expectedSender });
  return result.success ? [] : result.error.issues.filter((i) => i.path[0] === 'expectedSender').map((i) => i.message);
}

describe('CmpServer.expectedSender', () => {
  it('accepts none, and DNs written the openssl way, escapes included', () => {
    expect(senderProblems(null)).toEqual([]);
    expect(senderProblems('/CN=CMP signer/O=Example')).toEqual([]);
    expect(senderProblems('/CN=a\\/b/OU=x+CN=y')).toEqual([]);
  });

  it('refuses a DN that openssl cmp and our engine could not read, naming the expected form', () => {
    expect(senderProblems('CN=CMP signer,O=Example')).toEqual(['must be a distinguished name written as /CN=name/O=organisation']);
    expect(senderProblems('/CN')).toHaveLength(1);
    expect(senderProblems('/=x')).toHaveLength(1);
  });
});

describe('CmpServer.acceptUnprotectedErrors', () => {
  it('is off when absent (exports and IPC payloads written before the setting existed)', () => {
    expect(cmpServerSchema.parse(server).acceptUnprotectedErrors).toBe(false);
    expect(cmpServerSchema.parse({ ...server, acceptUnprotectedErrors: true }).acceptUnprotectedErrors).toBe(true);
  });

  it('takes a boolean only', () => {
    expect(cmpServerSchema.safeParse({ ...server, acceptUnprotectedErrors: 'yes' }).success).toBe(false);
  });
});

describe('CmpServer.sourceAddress', () => {
  /** The messages zod gives for sourceAddress, or [] when the value is accepted. */
  function addressProblems(sourceAddress: unknown): string[] {
    const result = cmpServerSchema.safeParse({ ...server, sourceAddress });
    return result.success ? [] : result.error.issues.filter((i) => i.path[0] === 'sourceAddress').map((i) => i.message);
  }

  it('is none when absent (exports and IPC payloads written before the setting existed)', () => {
    expect(cmpServerSchema.parse(server).sourceAddress).toBeNull();
  });

  it('accepts IPv4 and IPv6 literals, surrounding blanks removed', () => {
    for (const address of ['127.0.0.1', '192.0.2.10', '::1', '2001:db8::10', 'fe80::1']) expect(addressProblems(address)).toEqual([]);
    expect(cmpServerSchema.parse({ ...server, sourceAddress: ' 192.0.2.10 ' }).sourceAddress).toBe('192.0.2.10');
  });

  it('refuses host names, ports, prefixes and out-of-range numbers with one message naming the form', () => {
    for (const address of ['localhost', 'eth0', '192.0.2.10:4000', '192.0.2.0/24', '256.1.1.1', '[::1]', '', 'https://192.0.2.1/']) {
      expect(addressProblems(address), address).toEqual(['must be an IPv4 or IPv6 address of this computer, e.g. 192.0.2.10 or 2001:db8::10 (no host name, no port)']);
    }
    expect(addressProblems(42)).toHaveLength(1);
  });
});
