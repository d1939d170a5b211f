import { randomBytes } from 'node:crypto';
import { Name } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { encodePkiMessage } from '../../../src-main/cmp/asn1';
import { buildError } from '../../../src-main/cmp/messages';
import { InMemoryTransport, ServerGroupTransport, TransportError } from '../../../src-main/cmp/transport';
import type { ServerTrust } from '../../../src-main/cmp/validation';
import { AnsweringServerTransport } from '../../../src-main/lifecycle';
import { cmpServer } from '../store/objects';
import { vector } from '../cmp/vectors';

const unprotectedError = () =>
  encodePkiMessage(
    buildError(
      { sender: new Name(), recipient: new Name(), transactionID: new Uint8Array(randomBytes(16)), senderNonce: new Uint8Array(randomBytes(16)) },
      { failInfo: ['systemUnavail'], text: 'maintenance' },
    ),
  );
const down = () => new InMemoryTransport(async () => Promise.reject(new TransportError('connection-refused', 'CMP server memory:down: refused', {})), 'down');
const answering = (response: () => Uint8Array) => new InMemoryTransport(async () => response(), 'up');

function groupOf(first: ReturnType<typeof cmpServer>, second: ReturnType<typeof cmpServer>, secondAnswers: () => Uint8Array) {
  return new ServerGroupTransport('group', [
    { name: first.name, transport: down() },
    { name: second.name, transport: answering(secondAnswers) },
  ]);
}

describe('AnsweringServerTransport', () => {
  it('applies the switch of the server that answered (after failover), and flags its unprotected rejection as unauthenticated', async () => {
    const first = cmpServer(null, { name: 'ca-1', acceptUnprotectedErrors: false });
    const second = cmpServer(null, { name: 'ca-2', acceptUnprotectedErrors: true });
    const trust: ServerTrust = { acceptUnprotectedErrors: false };
    const transport = new AnsweringServerTransport(groupOf(first, second, unprotectedError), [first, second], trust);
    await transport.send(new Uint8Array([0x30, 0x00]));
    expect(transport.lastServerName).toBe('ca-2');
    expect(trust.acceptUnprotectedErrors).toBe(true);
    expect(transport.rejectionReason('rr transaction 0a rejected while sent: the server reported an error', 'ca-1')).toBe(
      'unprotected answer from CMP server "ca-2", accepted only because "Accept unprotected error answers" is on for that server; it is not authenticated: rr transaction 0a rejected while sent: the server reported an error',
    );
  });

  it('keeps the switch off when only another server of the group has it, and then reports the engine\'s words unchanged', async () => {
    const first = cmpServer(null, { name: 'ca-1', acceptUnprotectedErrors: true });
    const second = cmpServer(null, { name: 'ca-2', acceptUnprotectedErrors: false });
    const trust: ServerTrust = { acceptUnprotectedErrors: true };
    const transport = new AnsweringServerTransport(groupOf(first, second, unprotectedError), [first, second], trust);
    await transport.send(new Uint8Array([0x30, 0x00]));
    expect(trust.acceptUnprotectedErrors).toBe(false);
    expect(transport.rejectionReason('engine words', 'ca-1')).toBe('engine words');
  });

  it('does not flag a protected rejection even with the switch on', async () => {
    const first = cmpServer(null, { name: 'ca-1' });
    const second = cmpServer(null, { name: 'ca-2', acceptUnprotectedErrors: true });
    const transport = new AnsweringServerTransport(groupOf(first, second, () => vector('ip_rejection_badpop.der')), [first, second], {});
    await transport.send(new Uint8Array([0x30, 0x00]));
    expect(transport.rejectionReason('engine words', 'ca-1')).toBe('engine words');
  });
});
