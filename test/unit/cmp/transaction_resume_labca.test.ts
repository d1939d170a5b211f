import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Name } from '@peculiar/asn1-x509';
import { decodePkiMessage, pkiBodyType, type PKIBodyType } from '../../../src-main/cmp/asn1';
import { CmpTransactionError, EnrollmentTransaction, resumeEnrollment, type CmpSession, type EnrollmentRequest, type TransactionSnapshot } from '../../../src-main/cmp/transactions';
import { HttpTransport, type CmpSendOptions, type CmpTransport } from '../../../src-main/cmp/transport';
import { LabCa } from '../../../src-main/labca/lab_ca';
import { generateKeyPair, parseCertificateDer, parseOpensslName } from '../../../src-main/pki';

/**
 * Crash and resume against the lab CA (in process, over loopback HTTP): a CA nobody scripted for
 * these tests, which checks nonces, refuses a reused transactionID and closes a transaction at its
 * first certConf.
 */
const path = '/.well-known/cmp';
/** A path whose CA answers ir with waiting, then two pollReps, then the certificate. */
const pollingPath = '/.well-known/cmp/p/polling';
const reference = 'resume-ref';
const secret = new Uint8Array(Buffer.from('resume-secret-value'));
let dir: string;
let labCa: LabCa;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cmp-resume-labca-'));
  labCa = await LabCa.start({ dir, passphrase: { kind: 'given', passphrase: 'resume-test-passphrase' }, paths: [
      { path, sharedSecrets: { [reference]: 'resume-secret-value' } },
      { path: pollingPath, sharedSecrets: { [reference]: 'resume-secret-value' }, knobs: { waitingCount: 3, checkAfterSeconds: 0 } },
    ],
  });
});

afterAll(async () => {
  await labCa?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Counts what reached the CA; after the crash point, a message is either delivered or lost. */
class CrashingTransport implements CmpTransport {
  readonly delivered: PKIBodyType[] = [];
  dead = false;
  constructor(
    private readonly inner: CmpTransport,
    private readonly inFlight: 'delivered' | 'lost' = 'delivered',
  ) {}
  close(): void {
    this.inner.close();
  }
  async send(bytes: Uint8Array, options?: CmpSendOptions): Promise<Uint8Array> {
    if (this.dead && this.inFlight === 'lost') throw new Error('the process is gone');
    this.delivered.push(pkiBodyType(decodePkiMessage(bytes).body));
    return this.inner.send(bytes, options);
  }
}

async function enrollment(on = path, ca = labCa): Promise<{ session: CmpSession; request: EnrollmentRequest; transport: CmpTransport }> {
  const keys = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
  const subject = parseOpensslName('/CN=resume-labca');
  const transport = new HttpTransport({ url: `${ca.httpUrl}${on}`, messageTimeoutMs: 10_000 });
  return {
    transport,
    session: { transport, protector: { kind: 'pbmac1', reference: new Uint8Array(Buffer.from(reference)), secret }, trust: { secret }, sender: subject, recipient: new Name() },
    request: { type: 'ir', wish: { subject, publicKey: keys.publicKey }, privateKey: keys.privateKey, trustAnchors: [ca.store.root] },
  };
}

async function crashAt(state: TransactionSnapshot['state'], inFlight: 'delivered' | 'lost', on = path) {
  const setup = await enrollment(on);
  const crashing = new CrashingTransport(setup.transport, inFlight);
  let journaled = '';
  const session: CmpSession = {
    ...setup.session,
    transport: crashing,
    journal: (snapshot) => {
      if (crashing.dead) throw new Error('the process is gone');
      journaled = JSON.stringify(snapshot);
      crashing.dead = snapshot.state === state;
    },
  };
  await new EnrollmentTransaction(session, setup.request).run().catch(() => undefined);
  expect(crashing.dead).toBe(true);
  const resumed = new CrashingTransport(setup.transport);
  return { ...setup, session: { ...setup.session, transport: resumed }, json: journaled, before: crashing.delivered, after: resumed.delivered };
}

describe('resuming against the lab CA', () => {
  it('sent, ir lost: the retransmitted ir is the first the CA sees, and the transaction completes', async () => {
    const run = await crashAt('sent', 'lost');
    const result = await new EnrollmentTransaction(run.session, run.request, JSON.parse(run.json)).run();
    expect(run.before).toEqual([]);
    expect(run.after).toEqual(['ir', 'certConf']);
    expect(labCa.admin.certificates().find((c) => c.serialHex === result.certificate.serialHex)).toMatchObject({ state: 'issued', confirmed: true });
  });

  it('sent, ip lost: the lab CA refuses the retransmission (transactionIdInUse), resumeEnrollment starts over', async () => {
    const run = await crashAt('sent', 'delivered');
    const direct = await new EnrollmentTransaction(run.session, run.request, JSON.parse(run.json)).run().catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(CmpTransactionError);
    expect((direct as CmpTransactionError).code).toBe('retransmission-failed');
    expect((direct as CmpTransactionError).message).toContain('transactionIdInUse');

    const again = await crashAt('sent', 'delivered');
    const result = await resumeEnrollment(again.session, again.request, JSON.parse(again.json));
    expect(result.replacedTransactionId).toBe(JSON.parse(again.json).transactionId);
    expect(again.after).toEqual(['ir', 'ir', 'certConf']);
  });

  it('received: the certConf built after the restart is accepted', async () => {
    const run = await crashAt('received', 'lost');
    const result = await new EnrollmentTransaction(run.session, run.request, JSON.parse(run.json)).run();
    expect(run.before).toEqual(['ir']);
    expect(run.after).toEqual(['certConf']);
    expect(result.snapshot.state).toBe('confirmed');
  });

  it('confirming, certConf lost: the byte-identical retransmission is accepted', async () => {
    const run = await crashAt('confirming', 'lost');
    const result = await new EnrollmentTransaction(run.session, run.request, JSON.parse(run.json)).run();
    expect(run.after).toEqual(['certConf']);
    expect(labCa.admin.certificates().find((c) => c.serialHex === result.certificate.serialHex)).toMatchObject({ state: 'issued', confirmed: true });
  });

  it('confirming, pkiConf lost: the lab CA closed the transaction, so the result is unconfirmed although the CA holds it confirmed', async () => {
    const run = await crashAt('confirming', 'delivered');
    const error = (await new EnrollmentTransaction(run.session, run.request, JSON.parse(run.json)).run().catch((e: unknown) => e)) as CmpTransactionError;
    expect(error).toBeInstanceOf(CmpTransactionError);
    expect(error.code).toBe('unconfirmed');
    expect(error.message).toMatch(/no open transaction/);
    expect(run.after).toEqual(['certConf', 'certConf']);
    const held = parseCertificateDer(new Uint8Array(Buffer.from(error.snapshot.issued!.certificate, 'base64')));
    expect(labCa.admin.certificates().find((c) => c.serialHex === held.serialHex)).toMatchObject({ state: 'issued', confirmed: true });
  });
});

describe('resuming a polling transaction against the lab CA', () => {
  it('polling, pollRep lost: the lab CA answers the byte-identical retransmission again, polling continues with its nonce', async () => {
    const run = await crashAt('polling', 'delivered', pollingPath);
    const result = await new EnrollmentTransaction(run.session, run.request, JSON.parse(run.json)).run();
    expect(run.before).toEqual(['ir', 'pollReq']);
    // The retransmission gets the first pollRep again; one more pollRep, then the certificate.
    expect(run.after).toEqual(['pollReq', 'pollReq', 'pollReq', 'certConf']);
    expect(labCa.admin.certificates().find((c) => c.serialHex === result.certificate.serialHex)).toMatchObject({ state: 'issued', confirmed: true });
  });

  it('polling, pollReq lost: the retransmission is the first pollReq the lab CA sees', async () => {
    const run = await crashAt('polling', 'lost', pollingPath);
    const result = await new EnrollmentTransaction(run.session, run.request, JSON.parse(run.json)).run();
    expect(run.before).toEqual(['ir']);
    expect(run.after).toEqual(['pollReq', 'pollReq', 'pollReq', 'certConf']);
    expect(result.snapshot.state).toBe('confirmed');
  });

  it('a new pollReq carrying the previous nonce is still refused (badRecipientNonce): only a byte-identical one is answered again', async () => {
    const run = await crashAt('polling', 'delivered', pollingPath);
    const stale = { ...JSON.parse(run.json), state: 'waiting', nextPollAt: new Date().toISOString(), lastRequest: undefined };
    const error = (await new EnrollmentTransaction(run.session, run.request, stale).run().catch((e: unknown) => e)) as CmpTransactionError;
    expect(error).toBeInstanceOf(CmpTransactionError);
    expect(error.message).toMatch(/badRecipientNonce|recipNonce/);
  });
});

describe('the lab CA transaction lifetime', () => {
  const started: { ca: LabCa; dir: string }[] = [];

  afterEach(() => {
    vi.useRealTimers();
  });

  afterAll(async () => {
    for (const { ca, dir: folder } of started) {
      await ca.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  async function labCaLiving(transactionLifetimeSeconds: number): Promise<LabCa> {
    const folder = mkdtempSync(join(tmpdir(), 'cmp-resume-lifetime-'));
    const ca = await LabCa.start({
      dir: folder,
      passphrase: { kind: 'given', passphrase: 'resume-test-passphrase' },
      paths: [{ path, sharedSecrets: { [reference]: 'resume-secret-value' }, knobs: { waitingCount: 1, checkAfterSeconds: 0 } }],
      transactionLifetimeSeconds,
    });
    started.push({ ca, dir: folder });
    return ca;
  }

  /** Opens a transaction the CA keeps waiting, pauses it in waiting, lets `elapsedMs` pass, then polls. */
  async function pollAfter(ca: LabCa, elapsedMs: number) {
    const setup = await enrollment(path, ca);
    const paused = (await new EnrollmentTransaction(setup.session, { ...setup.request, pollingRetryCount: 0 }).run().catch((e: unknown) => e)) as CmpTransactionError;
    expect(paused.code).toBe('polling-exhausted');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + elapsedMs);
    return new EnrollmentTransaction(setup.session, setup.request, paused.snapshot).run();
  }

  it('a short lifetime: the CA has forgotten the transaction when the pollReq comes', async () => {
    const ca = await labCaLiving(2);
    const error = (await pollAfter(ca, 3_000).catch((e: unknown) => e)) as CmpTransactionError;
    expect(error).toBeInstanceOf(CmpTransactionError);
    expect(error.message).toMatch(/no open transaction/);
  });

  it('a lifetime longer than the default 10 minutes: the pollReq 20 minutes later still gets the certificate', async () => {
    const ca = await labCaLiving(3600);
    const result = await pollAfter(ca, 20 * 60_000);
    expect(result.snapshot.state).toBe('confirmed');
  });
});
