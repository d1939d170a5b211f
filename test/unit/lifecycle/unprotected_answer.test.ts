import { randomBytes } from 'node:crypto';
import { Name } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { encodePkiMessage } from '../../../src-main/cmp/asn1';
import { buildError } from '../../../src-main/cmp/messages';
import { isUnprotectedAnswer, unprotectedAnswerReason } from '../../../src-main/lifecycle/unprotected_answer';
import { vector } from '../cmp/vectors';

describe('an answer read through "Accept unprotected error answers"', () => {
  it('is told apart from a protected one by its missing protection', () => {
    const header = { sender: new Name(), recipient: new Name(), transactionID: new Uint8Array(randomBytes(16)), senderNonce: new Uint8Array(randomBytes(16)) };
    expect(isUnprotectedAnswer(encodePkiMessage(buildError(header, { failInfo: ['systemUnavail'], text: 'maintenance' })))).toBe(true);
    expect(isUnprotectedAnswer(vector('ip_pbm_sha256_capubs.der'))).toBe(false);
  });

  it('is shown as unauthenticated, naming the server and the switch, before the CA\'s own words', () => {
    expect(unprotectedAnswerReason({ name: 'ca-1' }, 'ir transaction 0a rejected while sent: the server reported an error')).toBe(
      'unprotected answer from CMP server "ca-1", accepted only because "Accept unprotected error answers" is on for that server; it is not authenticated: ir transaction 0a rejected while sent: the server reported an error',
    );
  });
});
