/** The fake CA, session and clock every transaction test starts from. */
import { expect } from 'vitest';
import { CmpTransactionError, type Clock, type CmpSession, type EnrollmentRequest, type TransactionEvent, type TransactionState } from '../../../src-main/cmp/transactions';
import { InMemoryTransport } from '../../../src-main/cmp/transport';
import { generateKeyPair, parseOpensslName, type KeyPair } from '../../../src-main/pki';
import { CA_NAME, CA_SECRET, FakeCa, makeRoot, type CaRoot, type FakeCaBehaviour } from './fake_ca';

/** A clock whose sleep advances time at once, so polling tests need no real waiting. */
export class SteppingClock implements Clock {
  time = Date.now();
  readonly sleeps: number[] = [];
  now = () => this.time;
  sleep = async (ms: number) => {
    this.sleeps.push(ms);
    this.time += ms;
  };
}

export interface Setup {
  ca: FakeCa;
  root: CaRoot;
  keys: KeyPair;
  session: CmpSession;
  events: TransactionEvent[];
  clock: SteppingClock;
  request: EnrollmentRequest;
}

export async function setup(behaviour: FakeCaBehaviour = {}, session: Partial<CmpSession> = {}, root?: CaRoot): Promise<Setup> {
  const caRoot = root ?? (await makeRoot());
  const ca = new FakeCa(caRoot, behaviour);
  const keys = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
  const events: TransactionEvent[] = [];
  const clock = new SteppingClock();
  const subject = parseOpensslName('/O=cmp-desk tests/CN=device-1');
  return {
    ca,
    root: caRoot,
    keys,
    events,
    clock,
    session: {
      transport: new InMemoryTransport(ca.handle, 'fake-ca'),
      protector: { kind: 'password-based-mac', reference: new TextEncoder().encode('device-1'), secret: CA_SECRET },
      trust: { secret: CA_SECRET, expectedSender: CA_NAME },
      sender: subject,
      recipient: CA_NAME,
      clock,
      onProgress: (event) => events.push(event),
      ...session,
    },
    request: { type: 'ir', wish: { subject, publicKey: keys.publicKey }, privateKey: keys.privateKey, trustAnchors: [caRoot.certificate] },
  };
}

export const states = (events: TransactionEvent[]): TransactionState[] => events.flatMap((event) => (event.type === 'state' ? [event.state] : []));

export async function failureOf(promise: Promise<unknown>): Promise<CmpTransactionError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CmpTransactionError);
    return error as CmpTransactionError;
  }
  throw new Error('expected the transaction to fail');
}

