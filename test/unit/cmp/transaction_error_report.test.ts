import { describe, expect, it } from 'vitest';
import { EnrollmentTransaction } from '../../../src-main/cmp/transactions';
import { InMemoryTransport } from '../../../src-main/cmp/transport';
import { generateKeyPair } from '../../../src-main/pki';
import { failureOf, setup } from './transaction_setup';

/** RFC 9810 5.3.21 / RFC 9483 3.6.4: an EE that abandons a transaction over the server's answer says why. */
describe('telling the server why we abandon a transaction', () => {
  it('answers an ip with the wrong recipNonce with a protected error (badRecipientNonce) and keeps the original error', async () => {
    const { ca, session, request } = await setup({ tamper: (response, type) => type === 'ir' && void (response.header.recipNonce = new ArrayBuffer(16)) });
    const error = await failureOf(new EnrollmentTransaction(session, request).run());
    expect(error.snapshot.error?.code).toBe('recipnonce-mismatch');
    expect(error.message).toContain('expected recipNonce');
    expect(ca.received).toEqual(['ir', 'error']);
    expect(ca.problems).toEqual([]);
    expect(ca.errorsReceived).toEqual([{ failInfo: ['badRecipientNonce'], text: [expect.stringContaining('does not answer our last message')], recipNonce: ca.sentNonces[0] }]);
    expect(error.serverNotice).toEqual({ failInfo: ['badRecipientNonce'], outcome: 'acknowledged', problem: undefined });
  });

  it('reports badMessageCheck for a response whose MAC does not verify, and says the unverifiable pkiConf was not acceptable', async () => {
    const { ca, session, request } = await setup();
    const error = await failureOf(new EnrollmentTransaction({ ...session, trust: { secret: new Uint8Array([1, 2, 3]) } }, request).run());
    expect(error.snapshot.error?.code).toBe('bad-protection');
    expect(ca.errorsReceived.map((e) => e.failInfo)).toEqual([['badMessageCheck']]);
    expect(error.serverNotice?.outcome).toBe('sent');
    expect(error.serverNotice?.problem).toMatch(/answer to our error message was not acceptable/);
  });

  it('reports badCertId for a pollRep about another request', async () => {
    const { ca, session, request } = await setup({
      pollsBeforeIssue: 1,
      tamper: (response) => response.body.pollRep && void (response.body.pollRep[0].certReqId = 7),
    });
    const error = await failureOf(new EnrollmentTransaction(session, request).run());
    expect(error.snapshot.error?.code).toBe('certreqid-mismatch');
    expect(ca.received).toEqual(['ir', 'pollReq', 'error']);
    expect(ca.errorsReceived[0].failInfo).toEqual(['badCertId']);
  });

  it('logs a failure to send the error in the result without masking the original error', async () => {
    const { ca, session, request } = await setup({ tamper: (response, type) => type === 'ir' && void (response.header.recipNonce = new ArrayBuffer(16)) });
    const transport = new InMemoryTransport(async (bytes) => {
      if (ca.received.length > 0) throw new Error('connection reset');
      return ca.handle(bytes);
    }, 'fake-ca');
    const error = await failureOf(new EnrollmentTransaction({ ...session, transport }, request).run());
    expect(error.code).toBe('protocol');
    expect(error.snapshot.error?.code).toBe('recipnonce-mismatch');
    expect(error.serverNotice).toMatchObject({ failInfo: ['badRecipientNonce'], outcome: 'failed' });
    expect(error.serverNotice?.problem).toMatch(/could not send the error message/);
  });

  it('never answers an error message, a CA rejection or a transport failure with an error', async () => {
    const rejected = await setup({ reject: { failInfo: ['badPOP'], text: 'no' } });
    expect((await failureOf(new EnrollmentTransaction(rejected.session, rejected.request).run())).serverNotice).toBeUndefined();
    expect(rejected.ca.received).toEqual(['ir']);

    const refusing = await setup({ repeatedRequest: 'transaction-id-in-use', refuseRepeatedSenderNonce: true });
    const transport = new InMemoryTransport(async (bytes) => {
      await refusing.ca.handle(bytes);
      return refusing.ca.handle(bytes);
    }, 'replaying');
    const error = await failureOf(new EnrollmentTransaction({ ...refusing.session, transport }, refusing.request).run());
    expect(error.snapshot.error?.code).toBe('error-message');
    expect(error.serverNotice).toBeUndefined();
    expect(refusing.ca.received).toEqual(['ir', 'ir']);

    const silent = await setup();
    const unreachable = new InMemoryTransport(async () => Promise.reject(new Error('connection refused')), 'down');
    const down = await failureOf(new EnrollmentTransaction({ ...silent.session, transport: unreachable }, silent.request).run());
    expect(down.serverNotice).toBeUndefined();
  });

  it('refuses a certificate for another key with certConf rejection, not with an error message', async () => {
    const other = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const { ca, session, request } = await setup({ issueForKey: other });
    const error = await failureOf(new EnrollmentTransaction(session, request).run());
    expect(error.code).toBe('rejected');
    expect(ca.received).toEqual(['ir', 'certConf']);
    expect(error.serverNotice).toBeUndefined();
  });
});
