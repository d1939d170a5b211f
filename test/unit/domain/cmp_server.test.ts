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
