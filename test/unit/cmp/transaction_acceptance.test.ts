import { describe, expect, it } from 'vitest';
import { PKIStatus } from '../../../src-main/cmp/asn1';
import {
  EnrollmentTransaction, readTransactionSnapshot, type AcceptanceContext, type CertificateAcceptance, type CmpSession, type TransactionSnapshot,
} from '../../../src-main/cmp/transactions';
import type { ParsedCertificate } from '../../../src-main/pki';
import { failureOf, setup, states, type Setup } from './transaction_setup';

/** An accept hook that records its calls and answers with `verdict`. */
function hook(verdict: ReturnType<CertificateAcceptance>) {
  const calls: { certificate: ParsedCertificate; context: AcceptanceContext }[] = [];
  const accept: CertificateAcceptance = (certificate, context) => {
    calls.push({ certificate, context });
    return verdict;
  };
  return { accept, calls };
}

const tooShort = { failInfo: 'badCertTemplate' as const, reason: 'valid shorter than renew-before-expiry' };

/** Runs until the journal stored the `received` snapshot, then "crashes" (nothing else is sent). */
async function journalUntilReceived(s: Setup, accept: CertificateAcceptance): Promise<string> {
  let stored = '';
  const session: CmpSession = {
    ...s.session,
    journal: (snapshot: TransactionSnapshot) => {
      if (stored) throw new Error('the process is gone');
      if (snapshot.state === 'received') stored = JSON.stringify(snapshot);
    },
  };
  await new EnrollmentTransaction(session, { ...s.request, accept }).run().catch(() => undefined);
  expect(stored, 'the received snapshot was journaled').not.toBe('');
  return stored;
}

describe('the accept hook of an enrollment', () => {
  it('accepts: certConf accepts, the hook saw the certificate, its chain and the request type, once', async () => {
    const s = await setup();
    const { accept, calls } = hook(undefined);
    const result = await new EnrollmentTransaction(s.session, { ...s.request, accept }).run();
    expect(result.snapshot.state).toBe('confirmed');
    expect(calls).toHaveLength(1);
    expect(calls[0].certificate.sha256Fingerprint).toBe(result.certificate.sha256Fingerprint);
    expect(calls[0].context).toMatchObject({ requestType: 'ir', receivedAt: new Date(s.clock.now()) });
    expect(calls[0].context.chain).toHaveLength(2);
    expect(s.ca.lastCertConf![0].statusInfo?.status ?? PKIStatus.accepted).toBe(PKIStatus.accepted);
  });

  it('refuses: certConf carries rejection with its failInfo and reason; the error carries a typed refusal by the caller', async () => {
    const s = await setup();
    const { accept } = hook(tooShort);
    const error = await failureOf(new EnrollmentTransaction(s.session, { ...s.request, accept }).run());
    expect(error.code).toBe('rejected');
    expect(error.refusal).toEqual({ failInfo: ['badCertTemplate'], reason: tooShort.reason, by: 'caller' });
    expect(error.snapshot.state).toBe('rejected');
    expect(error.snapshot.issued?.refusal).toEqual({ failInfo: ['badCertTemplate'], reason: tooShort.reason, by: 'caller' });
    expect(s.ca.received).toEqual(['ir', 'certConf']);
    const status = s.ca.lastCertConf![0].statusInfo!;
    expect(status.status).toBe(PKIStatus.rejection);
    expect(status.failInfo!.names()).toEqual(['badCertTemplate']);
    expect([...status.statusString!]).toEqual([tooShort.reason]);
    expect(s.ca.problems).toEqual([]);
  });

  it("is not asked about a certificate the engine's own checks refuse; that refusal is the engine's", async () => {
    const other = await setup();
    const s = await setup({ issueForKey: other.keys });
    const { accept, calls } = hook(undefined);
    const error = await failureOf(new EnrollmentTransaction(s.session, { ...s.request, accept }).run());
    expect(error.code).toBe('rejected');
    expect(error.refusal).toMatchObject({ failInfo: ['badCertTemplate'], by: 'engine' });
    expect(calls).toHaveLength(0);
  });

  it('refuses even when the CA granted implicit confirm: the rejection certConf still goes out', async () => {
    const s = await setup({ grantImplicitConfirm: true });
    const { accept } = hook(tooShort);
    const error = await failureOf(new EnrollmentTransaction(s.session, { ...s.request, implicitConfirm: true, accept }).run());
    expect(error.refusal?.by).toBe('caller');
    expect(s.ca.received).toEqual(['ir', 'certConf']);
    expect(s.ca.lastCertConf![0].statusInfo!.status).toBe(PKIStatus.rejection);
  });

  it('resumed in received, the journaled refusal is kept: the hook is not asked again, even if it would now accept', async () => {
    const s = await setup();
    const json = await journalUntilReceived(s, hook(tooShort).accept);
    expect(s.ca.received).toEqual(['ir']);
    const later = hook(undefined);
    const events: Parameters<NonNullable<CmpSession['onProgress']>>[0][] = [];
    const error = await failureOf(new EnrollmentTransaction({ ...s.session, onProgress: (e) => events.push(e) }, { ...s.request, accept: later.accept }, JSON.parse(json)).run());
    expect(later.calls).toHaveLength(0);
    expect(error.refusal).toEqual({ failInfo: ['badCertTemplate'], reason: tooShort.reason, by: 'caller' });
    expect(states(events)).toEqual(['confirming', 'rejected']);
    expect(s.ca.lastCertConf![0].statusInfo!.status).toBe(PKIStatus.rejection);
  });

  it('resumed in received, a journaled acceptance is kept: the certificate is confirmed even if the hook would now refuse', async () => {
    const s = await setup();
    const json = await journalUntilReceived(s, hook(undefined).accept);
    const later = hook(tooShort);
    const result = await new EnrollmentTransaction(s.session, { ...s.request, accept: later.accept }, JSON.parse(json)).run();
    expect(later.calls).toHaveLength(0);
    expect(result.snapshot.state).toBe('confirmed');
  });

  it('reads a version 1 snapshot (before refusals named who refused) as a refusal by the engine', async () => {
    const other = await setup();
    const s = await setup({ issueForKey: other.keys });
    const json = await journalUntilReceived(s, hook(undefined).accept);
    const v1 = JSON.parse(json) as Record<string, unknown> & { issued: { refusal: Record<string, unknown> } };
    v1.version = 1;
    delete v1.issued.refusal.by;
    expect(readTransactionSnapshot(JSON.stringify(v1)).issued?.refusal?.by).toBeUndefined();
    const error = await failureOf(new EnrollmentTransaction(s.session, s.request, v1).run());
    expect(error.refusal?.by).toBe('engine');
  });
});
