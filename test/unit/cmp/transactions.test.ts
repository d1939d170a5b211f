import { describe, expect, it } from 'vitest';
import { id_it_caCerts, id_it_rootCaKeyUpdate } from '../../../src-main/cmp/asn1';
import { certHashMatches } from '../../../src-main/cmp/messages';
import { CmpTransactionError, EnrollmentTransaction, fetchCaCerts, fetchRootCaUpdate, RevocationTransaction } from '../../../src-main/cmp/transactions';
import { InMemoryTransport } from '../../../src-main/cmp/transport';
import { CmpProtocolError } from '../../../src-main/cmp/validation';
import { generateKeyPair, issueCertificate } from '../../../src-main/pki';
import { caCertsAnswer, makeRoot, rootCaKeyUpdateAnswer } from './fake_ca';
import { failureOf, setup, states } from './transaction_setup';

describe('enrollment transaction', () => {
  it('runs ir, ip, certConf, pkiConf with chained nonces and a certHash the CA can check', async () => {
    const { ca, session, request, events, keys } = await setup();
    const transaction = new EnrollmentTransaction(session, request);
    const result = await transaction.run();
    expect(ca.received).toEqual(['ir', 'certConf']);
    expect(ca.problems).toEqual([]);
    expect(states(events)).toEqual(['sent', 'received', 'confirming', 'confirmed']);
    expect(result.certificate.publicKey.export({ format: 'der', type: 'spki' })).toEqual(keys.publicKey.export({ format: 'der', type: 'spki' }));
    expect(result.chain).toHaveLength(2);
    expect(certHashMatches(result.certificate, ca.lastCertConf![0])).toBe(true);
    expect(result.snapshot).toMatchObject({ kind: 'ir', state: 'confirmed', certReqId: 0 });
    expect(JSON.parse(JSON.stringify(result.snapshot))).toEqual(result.snapshot);
  });

  it('skips certConf when implicit confirm is requested and granted', async () => {
    const { ca, session, request, events } = await setup({ grantImplicitConfirm: true });
    const result = await new EnrollmentTransaction(session, { ...request, implicitConfirm: true }).run();
    expect(result.implicitConfirmGranted).toBe(true);
    expect(ca.received).toEqual(['ir']);
    expect(states(events)).toEqual(['sent', 'received', 'confirmed']);
  });

  it('still confirms when implicit confirm was requested but not granted', async () => {
    const { ca, session, request } = await setup();
    const result = await new EnrollmentTransaction(session, { ...request, implicitConfirm: true }).run();
    expect(result.implicitConfirmGranted).toBe(false);
    expect(ca.received).toEqual(['ir', 'certConf']);
  });

  it('polls while waiting, honouring checkAfter', async () => {
    const { ca, session, request, events, clock } = await setup({ pollsBeforeIssue: 2, checkAfterSeconds: 5 });
    await new EnrollmentTransaction(session, request).run();
    expect(ca.received).toEqual(['ir', 'pollReq', 'pollReq', 'pollReq', 'certConf']);
    expect(ca.problems).toEqual([]);
    expect(clock.sleeps).toEqual([0, 5000, 5000]);
    expect(states(events)).toEqual(['sent', 'waiting', 'polling', 'waiting', 'polling', 'waiting', 'polling', 'received', 'confirming', 'confirmed']);
    expect(events.filter((event) => event.type === 'poll-scheduled').map((event) => event.type === 'poll-scheduled' && event.checkAfterSeconds)).toEqual([0, 5, 5]);
  });

  it('pauses in waiting after the polling retry count and resumes from the snapshot', async () => {
    const { ca, session, request } = await setup({ pollsBeforeIssue: 3, checkAfterSeconds: 60 });
    const error = await failureOf(new EnrollmentTransaction(session, { ...request, pollingRetryCount: 2 }).run());
    expect(error.code).toBe('polling-exhausted');
    expect(error.snapshot).toMatchObject({ state: 'waiting', pollAttempts: 2 });
    expect(error.snapshot.nextPollAt).toBeDefined();
    const journaled = JSON.parse(JSON.stringify(error.snapshot));
    const resumed = new EnrollmentTransaction(session, { ...request, pollingRetryCount: 2 }, journaled);
    const result = await resumed.run();
    expect(result.snapshot.transactionId).toBe(error.snapshot.transactionId);
    expect(ca.received).toEqual(['ir', 'pollReq', 'pollReq', 'pollReq', 'pollReq', 'certConf']);
    expect(ca.problems).toEqual([]);
  });

  it('asks for the polling retry count when polling starts, so a group can answer with the count of the server that answered', async () => {
    const { session, request } = await setup({ pollsBeforeIssue: 3, checkAfterSeconds: 60 });
    let asked = 0;
    const countOfAnsweringServer = () => {
      asked++;
      return 1;
    };
    const error = await failureOf(new EnrollmentTransaction(session, { ...request, pollingRetryCount: countOfAnsweringServer }).run());
    expect(error.code).toBe('polling-exhausted');
    expect(error.snapshot).toMatchObject({ state: 'waiting', pollAttempts: 1 });
    expect(asked).toBeGreaterThan(0);
  });

  it('renews with kur: signed with the current certificate, new key, kup, certConf', async () => {
    const { ca, session, request, keys } = await setup();
    const current = await new EnrollmentTransaction(session, request).run();
    const newKeys = await generateKeyPair({ kind: 'ec', curve: 'P-384' });
    const renewal = await new EnrollmentTransaction(
      { ...session, protector: { kind: 'signature', privateKey: keys.privateKey, certificate: current.certificate } },
      { ...request, type: 'kur', wish: { ...request.wish!, publicKey: newKeys.publicKey }, privateKey: newKeys.privateKey, oldCertificate: current.certificate },
    ).run();
    expect(ca.received).toEqual(['ir', 'certConf', 'kur', 'certConf']);
    expect(ca.problems).toEqual([]);
    expect(renewal.certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
  });

  it('refuses a kur protected with a shared secret', async () => {
    const { session, request } = await setup();
    const first = await new EnrollmentTransaction(session, request).run();
    expect(() => new EnrollmentTransaction(session, { ...request, type: 'kur', oldCertificate: first.certificate })).toThrow(/signature-protected/);
  });

  it('refuses to resume a transaction that already ended', async () => {
    const { session, request } = await setup();
    const result = await new EnrollmentTransaction(session, request).run();
    expect(() => new EnrollmentTransaction(session, request, result.snapshot)).toThrow(CmpTransactionError);
  });

  it('ends rejected with the CA failInfo and text', async () => {
    const { session, request, events } = await setup({ reject: { failInfo: ['badPOP'], text: 'no' } });
    const error = await failureOf(new EnrollmentTransaction(session, request).run());
    expect(error.code).toBe('rejected');
    expect(error.snapshot.state).toBe('rejected');
    expect(error.cause).toBeInstanceOf(CmpProtocolError);
    expect((error.cause as CmpProtocolError).details.failInfo).toEqual(['badPOP']);
    expect(states(events)).toEqual(['sent', 'rejected']);
  });

  it('rejects a certificate for another key in certConf and ends rejected', async () => {
    const other = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const { ca, session, request } = await setup({ issueForKey: other });
    const error = await failureOf(new EnrollmentTransaction(session, request).run());
    expect(error.code).toBe('rejected');
    expect(error.message).toContain('another key');
    expect(ca.received).toEqual(['ir', 'certConf']);
    expect(ca.lastCertConf![0].statusInfo!.failInfo!.names()).toEqual(['badCertTemplate']);
    expect(error.snapshot.state).toBe('rejected');
  });

  it('fails on a response that does not echo our nonce', async () => {
    const { session, request } = await setup({ tamper: (response) => void (response.header.recipNonce = new ArrayBuffer(16)) });
    const error = await failureOf(new EnrollmentTransaction(session, request).run());
    expect(error.code).toBe('protocol');
    expect(error.snapshot.error?.code).toBe('recipnonce-mismatch');
    expect(error.message).toContain('expected recipNonce');
    expect(error.snapshot.state).toBe('failed');
  });

  it('fails when the response MAC does not verify with our secret', async () => {
    const { session, request } = await setup();
    const error = await failureOf(new EnrollmentTransaction({ ...session, trust: { secret: new Uint8Array([1, 2, 3]) } }, request).run());
    expect(error.code).toBe('protocol');
    expect(error.snapshot.error?.code).toBe('bad-protection');
  });

  it('fails with timeout when checkAfter goes beyond the total timeout', async () => {
    const { session, request } = await setup({ pollsBeforeIssue: 1, checkAfterSeconds: 3600 }, { totalTimeoutMs: 60_000 });
    const error = await failureOf(new EnrollmentTransaction(session, request).run());
    expect(error.code).toBe('timeout');
    expect(error.failedIn).toBe('waiting');
    expect(error.message).toMatch(/^ir transaction [0-9a-f]{32} failed while waiting: the total timeout of 60000 ms has passed$/);
  });

  it('fails with timeout when the server does not answer within the message timeout', async () => {
    const { session, request } = await setup();
    const silent = new InMemoryTransport(() => new Promise<Uint8Array>(() => undefined), 'silent');
    const error = await failureOf(new EnrollmentTransaction({ ...session, clock: undefined, transport: silent, messageTimeoutMs: 20 }, request).run());
    expect(error.code).toBe('timeout');
    expect(error.failedIn).toBe('sent');
  });

  it('stops with aborted when the caller cancels', async () => {
    const controller = new AbortController();
    const { session, request } = await setup();
    const silent = new InMemoryTransport(() => new Promise<Uint8Array>(() => undefined), 'silent');
    const run = new EnrollmentTransaction(
      { ...session, transport: silent, signal: controller.signal, onProgress: (event) => event.type === 'message-sent' && controller.abort() },
      request,
    ).run();
    const error = await failureOf(run);
    expect(error.code).toBe('aborted');
    expect(error.snapshot.state).toBe('failed');
  });
});

describe('genm and rr transactions', () => {
  it('fetches caCerts', async () => {
    const root = await makeRoot();
    const { session } = await setup({ genp: { [id_it_caCerts]: caCertsAnswer([root.certificate]) } }, {}, root);
    const certificates = await fetchCaCerts(session);
    expect(certificates.map((cert) => cert.subject)).toEqual([root.certificate.subject]);
  });

  it('accepts a root CA key update only when newWithOld is signed by the current root', async () => {
    const oldRoot = await makeRoot('Root 2025');
    const newRoot = await makeRoot('Root 2026');
    const newWithOld = issueCertificate({
      signer: { certificate: oldRoot.certificate, privateKey: oldRoot.keys.privateKey },
      subject: newRoot.certificate.subjectName,
      subjectPublicKey: newRoot.keys.publicKey,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign'],
    });
    const good = await setup({ genp: { [id_it_rootCaKeyUpdate]: rootCaKeyUpdateAnswer(newRoot.certificate, newWithOld) } }, {}, oldRoot);
    expect((await fetchRootCaUpdate(good.session, oldRoot.certificate))?.subject).toBe(newRoot.certificate.subject);
    const none = await setup({}, {}, oldRoot);
    expect(await fetchRootCaUpdate(none.session, oldRoot.certificate)).toBeUndefined();
    const forged = await setup({ genp: { [id_it_rootCaKeyUpdate]: rootCaKeyUpdateAnswer(newRoot.certificate, newRoot.certificate) } }, {}, oldRoot);
    await expect(fetchRootCaUpdate(forged.session, oldRoot.certificate)).rejects.toThrow(/newWithOld is not signed by the current root key/);
  });

  it('revokes a certificate', async () => {
    const { session, request } = await setup();
    const enrolled = await new EnrollmentTransaction(session, request).run();
    const result = await new RevocationTransaction(session).run(enrolled.certificate, 'keyCompromise');
    expect(result.status).toBe('accepted');
    expect(result.snapshot.state).toBe('completed');
  });
});
