import { describe, expect, it } from 'vitest';
import { decodePkiMessage, pkiBodyType } from '../../../src-main/cmp/asn1';
import {
  CmpSnapshotError, CmpTransactionError, EnrollmentTransaction, readTransactionSnapshot, resumeEnrollment, type CmpSession, type TransactionSnapshot,
} from '../../../src-main/cmp/transactions';
import { InMemoryTransport } from '../../../src-main/cmp/transport';
import { failureOf, setup, states, type Setup } from './transaction_setup';

/**
 * Runs a transaction until the process "dies": right after the journal stored a snapshot that
 * `crashesAfter` picks, nothing more is journaled, and the message then on its way either reaches
 * the CA ('delivered') or not ('lost'). Returns the JSON the journal holds, as a restart reads it.
 */
async function runUntilCrash(s: Setup, crashesAfter: (snapshot: TransactionSnapshot) => boolean, inFlight: 'delivered' | 'lost'): Promise<string> {
  const journal: string[] = [];
  let dead = false;
  const session: CmpSession = {
    ...s.session,
    transport: new InMemoryTransport(async (bytes) => {
      if (dead && inFlight === 'lost') throw new Error('the process is gone');
      return s.ca.handle(bytes);
    }, 'fake-ca'),
    journal: (snapshot) => {
      if (dead) throw new Error('the process is gone');
      journal.push(JSON.stringify(snapshot));
      dead = crashesAfter(snapshot);
    },
  };
  await new EnrollmentTransaction(session, s.request).run().catch(() => undefined);
  expect(dead, 'the crash point was reached').toBe(true);
  return journal.at(-1)!;
}

const sentRequest = (snapshot: TransactionSnapshot) => snapshot.state === 'sent';
const received = (snapshot: TransactionSnapshot) => snapshot.state === 'received';
const confirming = (snapshot: TransactionSnapshot) => snapshot.state === 'confirming';
const polling = (snapshot: TransactionSnapshot) => snapshot.state === 'polling';

function journaledBytes(json: string): Uint8Array {
  return new Uint8Array(Buffer.from(readTransactionSnapshot(json).lastRequest!.der, 'base64'));
}

describe('resuming a journaled enrollment after a crash', () => {
  it('journals before every send and after every answer, as JSON a new process can read', async () => {
    const s = await setup({ pollsBeforeIssue: 1 });
    const journal: TransactionSnapshot[] = [];
    await new EnrollmentTransaction({ ...s.session, journal: (snapshot) => void journal.push(JSON.parse(JSON.stringify(snapshot))) }, s.request).run();
    expect(journal.map((snapshot) => `${snapshot.state}:${snapshot.lastRequest?.type ?? ''}`)).toEqual(['sent:ir', 'waiting:ir', 'polling:pollReq', 'waiting:pollReq', 'polling:pollReq', 'received:pollReq', 'confirming:certConf']);
    for (const snapshot of journal) expect(readTransactionSnapshot(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(journal[0].lastRequest!.der).toBe(Buffer.from(s.ca.receivedBytes[0]).toString('base64'));
    expect(journal[5].issued?.chain).toHaveLength(2);
  });

  it('sent, request lost: retransmits the same bytes once and completes the same transaction', async () => {
    const s = await setup();
    const json = await runUntilCrash(s, sentRequest, 'lost');
    expect(s.ca.received).toEqual([]);
    const events: string[] = [];
    const result = await new EnrollmentTransaction({ ...s.session, onProgress: (e) => e.type === 'message-sent' && events.push(`${e.messageType}${e.retransmission ? ' again' : ''}`) }, s.request, JSON.parse(json)).run();
    expect(events).toEqual(['ir again', 'certConf']);
    expect(s.ca.receivedBytes[0]).toEqual(journaledBytes(json));
    expect(result.snapshot.transactionId).toBe(readTransactionSnapshot(json).transactionId);
    expect(s.ca.problems).toEqual([]);
  });

  it('sent, answer lost, the CA answers the retransmission again: continues with that answer', async () => {
    const s = await setup({ repeatedRequest: 'answer-again' });
    const json = await runUntilCrash(s, sentRequest, 'delivered');
    const result = await new EnrollmentTransaction(s.session, s.request, JSON.parse(json)).run();
    expect(s.ca.received).toEqual(['ir', 'ir', 'certConf']);
    expect(result.snapshot.state).toBe('confirmed');
    expect(s.ca.problems).toEqual([]);
  });

  it('sent, answer lost, the CA says transactionIdInUse: retransmission-failed, then resumeEnrollment starts over', async () => {
    const s = await setup();
    const json = await runUntilCrash(s, sentRequest, 'delivered');
    const error = await failureOf(new EnrollmentTransaction(s.session, s.request, JSON.parse(json)).run());
    expect(error.code).toBe('retransmission-failed');
    expect(error.message).toContain('transactionIdInUse');
    expect(error.snapshot).toMatchObject({ state: 'failed', lastRequest: { type: 'ir', retransmitted: true } });

    const again = await setup();
    const json2 = await runUntilCrash(again, sentRequest, 'delivered');
    const result = await resumeEnrollment(again.session, again.request, JSON.parse(json2));
    const oldId = readTransactionSnapshot(json2).transactionId;
    expect(result.replacedTransactionId).toBe(oldId);
    expect(result.snapshot.transactionId).not.toBe(oldId);
    expect(again.ca.received).toEqual(['ir', 'ir', 'ir', 'certConf']);
  });

  it('sent, already retransmitted once before the next crash: never sends the request a third time', async () => {
    const s = await setup();
    const json = await runUntilCrash(s, sentRequest, 'lost');
    const second = await runResumedUntilCrash(s, json);
    const error = await failureOf(new EnrollmentTransaction(s.session, s.request, JSON.parse(second)).run());
    expect(error.code).toBe('retransmission-failed');
    expect(error.message).toContain('already retransmitted once');
    expect(s.ca.received).toEqual([]);
  });

  it('received: builds certConf after the restart, chaining the recipNonce of the ip', async () => {
    const s = await setup();
    const json = await runUntilCrash(s, received, 'lost');
    expect(s.ca.received).toEqual(['ir']);
    const events: string[] = [];
    const result = await new EnrollmentTransaction({ ...s.session, onProgress: (e) => e.type === 'state' && events.push(e.state) }, s.request, JSON.parse(json)).run();
    expect(events).toEqual(['confirming', 'confirmed']);
    expect(s.ca.received).toEqual(['ir', 'certConf']);
    expect(s.ca.problems).toEqual([]);
    expect(result.chain).toHaveLength(2);
    expect(result.caPubs).toHaveLength(1);
  });

  it('confirming, certConf lost: retransmits the journaled certConf byte for byte', async () => {
    const s = await setup();
    const json = await runUntilCrash(s, confirming, 'lost');
    const result = await new EnrollmentTransaction(s.session, s.request, JSON.parse(json)).run();
    expect(result.snapshot.state).toBe('confirmed');
    expect(s.ca.received).toEqual(['ir', 'certConf']);
    expect(s.ca.receivedBytes[1]).toEqual(journaledBytes(json));
  });

  it('confirming, pkiConf lost, a CA that detects replays: a fresh certConf after the refused retransmission', async () => {
    const s = await setup({ refuseRepeatedSenderNonce: true });
    const json = await runUntilCrash(s, confirming, 'delivered');
    const result = await new EnrollmentTransaction(s.session, s.request, JSON.parse(json)).run();
    expect(result.snapshot.state).toBe('confirmed');
    expect(s.ca.received).toEqual(['ir', 'certConf', 'certConf', 'certConf']);
    const [, first, retransmitted, fresh] = s.ca.receivedBytes.map((bytes) => decodePkiMessage(bytes));
    expect(Buffer.from(retransmitted.header.senderNonce!)).toEqual(Buffer.from(first.header.senderNonce!));
    expect(Buffer.from(fresh.header.senderNonce!)).not.toEqual(Buffer.from(first.header.senderNonce!));
    expect(Buffer.from(fresh.header.recipNonce!)).toEqual(Buffer.from(first.header.recipNonce!));
  });

  it('confirming, the CA refuses every repeated certConf: unconfirmed, and the snapshot keeps the certificate', async () => {
    const s = await setup({ refuseCertConfAfterConfirmation: true });
    const json = await runUntilCrash(s, confirming, 'delivered');
    const error = await failureOf(new EnrollmentTransaction(s.session, s.request, JSON.parse(json)).run());
    expect(error.code).toBe('unconfirmed');
    expect(error.snapshot.issued?.certificate).toBe(readTransactionSnapshot(json).issued?.certificate);
    expect(s.ca.received).toEqual(['ir', 'certConf', 'certConf', 'certConf']);
  });

  it('confirming, no answer at all: pauses in confirming so the next tick can try again', async () => {
    const s = await setup();
    const silent = new InMemoryTransport(async (bytes) => {
      if (pkiBodyType(decodePkiMessage(bytes).body) === 'certConf') throw new Error('connection reset');
      return s.ca.handle(bytes);
    }, 'flaky');
    const error = await failureOf(new EnrollmentTransaction({ ...s.session, transport: silent }, s.request).run());
    expect(error.snapshot.state).toBe('confirming');
    const result = await new EnrollmentTransaction(s.session, s.request, JSON.parse(JSON.stringify(error.snapshot))).run();
    expect(result.snapshot.state).toBe('confirmed');
    expect(s.ca.received).toEqual(['ir', 'certConf']);
  });

  it('a refused certificate stays refused across a restart: the rejection certConf is retransmitted', async () => {
    const other = await setup();
    const s = await setup({ issueForKey: other.keys });
    const json = await runUntilCrash(s, confirming, 'lost');
    expect(readTransactionSnapshot(json).issued?.refusal?.failInfo).toEqual(['badCertTemplate']);
    // The snapshot's certificate is for another key, which only a refusal may carry.
    const error = await failureOf(new EnrollmentTransaction(s.session, s.request, JSON.parse(json)).run());
    expect(error.code).toBe('rejected');
    expect(s.ca.lastCertConf![0].statusInfo!.failInfo!.names()).toEqual(['badCertTemplate']);
  });

  it('polling, pollReq lost: retransmits the journaled pollReq byte for byte, then polls on with fresh ones', async () => {
    const s = await setup({ pollsBeforeIssue: 2 });
    const json = await runUntilCrash(s, polling, 'lost');
    expect(s.ca.received).toEqual(['ir']);
    const events: Parameters<NonNullable<CmpSession['onProgress']>>[0][] = [];
    const result = await new EnrollmentTransaction({ ...s.session, onProgress: (e) => events.push(e) }, s.request, JSON.parse(json)).run();
    expect(result.snapshot.state).toBe('confirmed');
    expect(s.ca.receivedBytes[1]).toEqual(journaledBytes(json));
    expect(events.find((e) => e.type === 'message-sent')).toMatchObject({ messageType: 'pollReq', retransmission: true });
    // The lost pollReq never reached the CA, so it still answers pollRep twice: to the retransmission and to one fresh pollReq.
    expect(s.ca.received).toEqual(['ir', 'pollReq', 'pollReq', 'pollReq', 'certConf']);
    expect(states(events)).toEqual(['waiting', 'polling', 'waiting', 'polling', 'received', 'confirming', 'confirmed']);
    expect(s.ca.problems).toEqual([]);
  });

  it('polling, pollRep lost: the CA answers the retransmission again and polling continues with its nonce', async () => {
    const s = await setup({ pollsBeforeIssue: 2 });
    const json = await runUntilCrash(s, polling, 'delivered');
    expect(s.ca.received).toEqual(['ir', 'pollReq']);
    const result = await new EnrollmentTransaction(s.session, s.request, JSON.parse(json)).run();
    expect(result.snapshot.state).toBe('confirmed');
    expect(s.ca.receivedBytes[2]).toEqual(s.ca.receivedBytes[1]);
    // The retransmission got the first pollRep again (it did not count as a poll); then one more pollRep, then the ip.
    expect(s.ca.received).toEqual(['ir', 'pollReq', 'pollReq', 'pollReq', 'pollReq', 'certConf']);
    // A new pollReq with the journaled recipNonce would have been out of step; the nonce chain stayed intact.
    expect(s.ca.problems).toEqual([]);
  });

  it('polling, the CA refuses the retransmitted pollReq: retransmission-failed, then resumeEnrollment starts over', async () => {
    const s = await setup({ pollsBeforeIssue: 1, refuseRepeatedSenderNonce: true });
    const json = await runUntilCrash(s, polling, 'delivered');
    const error = await failureOf(new EnrollmentTransaction(s.session, s.request, JSON.parse(json)).run());
    expect(error).toMatchObject({ code: 'retransmission-failed', failedIn: 'polling' });
    expect(error.message).toContain('retransmitted pollReq');
    const result = await resumeEnrollment(s.session, s.request, JSON.parse(json));
    expect(result.replacedTransactionId).toBe(readTransactionSnapshot(json).transactionId);
    expect(result.snapshot.transactionId).not.toBe(result.replacedTransactionId);
  });

  it('polling, already retransmitted once before the next crash: never sends the pollReq a third time', async () => {
    const s = await setup({ pollsBeforeIssue: 2 });
    const json = await runUntilCrash(s, polling, 'lost');
    const second = await runResumedUntilCrash(s, json);
    expect(readTransactionSnapshot(second).state).toBe('polling');
    const before = s.ca.received.length;
    const error = await failureOf(new EnrollmentTransaction(s.session, s.request, JSON.parse(second)).run());
    expect(error.code).toBe('retransmission-failed');
    expect(error.message).toContain('pollReq was already retransmitted once');
    expect(s.ca.received).toHaveLength(before);
  });

  it('polling without a journaled pollReq is not resumable', async () => {
    const s = await setup({ pollsBeforeIssue: 2 });
    const snapshot = readTransactionSnapshot(await runUntilCrash(s, polling, 'lost'));
    const error = await failureOf((async () => new EnrollmentTransaction(s.session, s.request, { ...snapshot, lastRequest: undefined }).run())());
    expect(error.code).toBe('not-resumable');
  });
});

/** Resumes from `json` and crashes again right after the retransmission was journaled (its bytes lost). */
async function runResumedUntilCrash(s: Setup, json: string): Promise<string> {
  let stored = '';
  const session: CmpSession = {
    ...s.session,
    transport: new InMemoryTransport(async () => Promise.reject(new Error('the process is gone')), 'dead'),
    journal: (snapshot) => void (stored = JSON.stringify(snapshot)),
  };
  await new EnrollmentTransaction(session, s.request, JSON.parse(json)).run().catch(() => undefined);
  expect(readTransactionSnapshot(stored).lastRequest?.retransmitted).toBe(true);
  return stored;
}

describe('reading a snapshot back from disk', () => {
  async function goodSnapshot(): Promise<{ s: Setup; json: string }> {
    const s = await setup();
    return { s, json: await runUntilCrash(s, received, 'lost') };
  }

  const corruptions: [string, (snapshot: Record<string, unknown>) => void, RegExp][] = [
    ['an unknown version', (o) => void (o.version = 3), /version 3 is not supported/],
    ['no version (an older format)', (o) => void delete o.version, /version missing is not supported/],
    ['a transactionId that is not base64', (o) => void (o.transactionId = 'zz!'), /transactionId: not base64/],
    ['a certReqId that is not an integer', (o) => void (o.certReqId = 0.5), /certReqId/],
    ['an unknown state', (o) => void (o.state = 'exploded'), /state/],
    ['a certificate that does not decode', (o) => void ((o.issued as { certificate: string }).certificate = 'AAAA'), /issued\.certificate: is not a certificate/],
    ['an oversized message', (o) => void ((o.lastRequest as { der: string }).der = 'A'.repeat(2_000_000)), /lastRequest\.der/],
  ];
  for (const [what, corrupt, message] of corruptions) {
    it(`refuses ${what} with CmpSnapshotError`, async () => {
      const { s, json } = await goodSnapshot();
      const object = JSON.parse(json);
      corrupt(object);
      expect(() => new EnrollmentTransaction(s.session, s.request, object)).toThrow(message);
      expect(() => new EnrollmentTransaction(s.session, s.request, object)).toThrow(CmpSnapshotError);
    });
  }

  it('refuses truncated JSON and a non-object', () => {
    expect(() => readTransactionSnapshot('{"version":1,"kind"')).toThrow(CmpSnapshotError);
    expect(() => readTransactionSnapshot('null')).toThrow(CmpSnapshotError);
    expect(() => readTransactionSnapshot('[]')).toThrow(CmpSnapshotError);
  });

  it("refuses a snapshot whose certificate is not for the request being resumed", async () => {
    const { json } = await goodSnapshot();
    const other = await setup();
    expect(() => new EnrollmentTransaction(other.session, other.request, JSON.parse(json))).toThrow(/certifies another key/);
  });

  it('refuses a snapshot of another kind and one without the certificate it needs', async () => {
    const { s, json } = await goodSnapshot();
    expect(() => new EnrollmentTransaction(s.session, { ...s.request, type: 'cr' }, JSON.parse(json))).toThrow(/is a ir transaction, not cr/);
    const withoutCertificate = { ...JSON.parse(json), issued: undefined };
    expect(() => new EnrollmentTransaction(s.session, s.request, withoutCertificate)).toThrow(CmpTransactionError);
  });

  it('never lets anything but CmpSnapshotError or CmpTransactionError escape for mutated snapshots', async () => {
    const { s, json } = await goodSnapshot();
    for (let i = 0; i < json.length; i += 41) {
      const mutated = json.slice(0, i) + String.fromCharCode((json.charCodeAt(i) + 1) % 128) + json.slice(i + 1);
      try {
        new EnrollmentTransaction(s.session, s.request, readTransactionSnapshot(mutated));
      } catch (error) {
        if (!(error instanceof CmpSnapshotError) && !(error instanceof CmpTransactionError)) throw error;
      }
    }
  });
});
