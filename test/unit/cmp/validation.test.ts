import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodePkiMessage, type PKIBodyType, type PKIMessage } from '../../../src-main/cmp/asn1';
import { buildCertificateRequest, randomOctets } from '../../../src-main/cmp/messages';
import { protect } from '../../../src-main/cmp/protection';
import {
  CmpProtocolError, readCertResponse, readPollRep, validateResponse, type CmpProtocolErrorCode, type SentRequest, type ServerTrust,
} from '../../../src-main/cmp/validation';
import { parseCertificate, parseOpensslName } from '../../../src-main/pki';
import { VECTOR_SECRET, vector, vectorPki } from './vectors';

const root = parseCertificate(vectorPki('root.crt'));
const server = parseCertificate(vectorPki('server.crt'));
const client = parseCertificate(vectorPki('client.crt'));
const enrolledPublicKey = createPublicKey(createPrivateKey(vectorPki('enrolled.key')));
const macTrust: ServerTrust = { secret: VECTOR_SECRET };
const signedTrust: ServerTrust = { trustAnchors: [root] };

function sentFrom(requestVector: string): SentRequest {
  const request = decodePkiMessage(vector(requestVector));
  const type = Object.keys(request.body).find((key) => request.body[key as PKIBodyType] !== undefined) as PKIBodyType;
  return { type, transactionID: new Uint8Array(request.header.transactionID!), senderNonce: new Uint8Array(request.header.senderNonce!) };
}

function codeOf(action: () => unknown): CmpProtocolErrorCode {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CmpProtocolError);
    return (error as CmpProtocolError).code;
  }
  throw new Error('expected a CmpProtocolError');
}

function errorOf(action: () => unknown): CmpProtocolError {
  try {
    action();
  } catch (error) {
    return error as CmpProtocolError;
  }
  throw new Error('expected a CmpProtocolError');
}

const response = (name: string): PKIMessage => decodePkiMessage(vector(name));
const expectation = { requestType: 'ir' as const, certReqId: 0, requestedPublicKey: enrolledPublicKey, trustAnchors: [root] };

describe('validateResponse on OpenSSL exchanges', () => {
  it('accepts a MAC-protected ip answering our ir and reads the issued certificate and its chain', () => {
    const checked = validateResponse(response('ip_pbm_sha256_capubs.der'), sentFrom('ir_pbm_sha256.der'), macTrust);
    expect(checked).toMatchObject({ type: 'ip', protection: 'mac' });
    const outcome = readCertResponse(checked.message, expectation);
    if (outcome.status !== 'issued') throw new Error('expected issued');
    expect(outcome.certificate.subject).toContain('Vector Enrolled');
    expect(outcome.chain.map((cert) => cert.subject)).toEqual([outcome.certificate.subject, root.subject]);
    expect(outcome.caPubs).toHaveLength(1);
    expect(outcome.warnings).toEqual([]);
  });

  it('accepts a signed cp whose signer chains to the trust anchor; sender is the signer', () => {
    const checked = validateResponse(response('cp_signed_ec.der'), sentFrom('cr_signed_ec.der'), signedTrust);
    expect(checked.protection).toBe('signature');
    expect(checked.signer!.subject).toBe(server.subject);
    expect(validateResponse(response('cp_signed_ec.der'), sentFrom('cr_signed_ec.der'), { pinnedServerCertificate: server }).protection).toBe('signature');
  });

  it('names the failed rule: transactionID, recipNonce, body type', () => {
    const sent = sentFrom('ir_pbm_sha256.der');
    expect(codeOf(() => validateResponse(response('ip_pbm_sha256_capubs.der'), { ...sent, transactionID: randomOctets() }, macTrust))).toBe('transactionid-mismatch');
    const nonce = errorOf(() => validateResponse(response('ip_pbm_sha256_capubs.der'), { ...sent, senderNonce: randomOctets() }, macTrust));
    expect(nonce.code).toBe('recipnonce-mismatch');
    expect(nonce.message).toMatch(/expected recipNonce [0-9a-f]{32}; received recipNonce [0-9a-f]{32}/);
    expect(codeOf(() => validateResponse(response('ip_pbm_sha256_capubs.der'), { ...sent, type: 'genm' }, macTrust))).toBe('unexpected-body');
  });

  it('refuses wrong secrets, missing trust, wrong pins and unexpected senders', () => {
    const sent = sentFrom('cr_signed_ec.der');
    expect(codeOf(() => validateResponse(response('ip_pbm_sha256_capubs.der'), sentFrom('ir_pbm_sha256.der'), { secret: new Uint8Array(8) }))).toBe('bad-protection');
    expect(codeOf(() => validateResponse(response('cp_signed_ec.der'), sent, {}))).toBe('untrusted-protection-certificate');
    expect(codeOf(() => validateResponse(response('cp_signed_ec.der'), sent, { trustAnchors: [client] }))).toBe('untrusted-protection-certificate');
    expect(codeOf(() => validateResponse(response('cp_signed_ec.der'), sent, { pinnedServerCertificate: client }))).toBe('bad-protection');
    const sender = errorOf(() => validateResponse(response('cp_signed_ec.der'), sent, { ...signedTrust, expectedSender: parseOpensslName('/CN=Someone Else') }));
    expect(sender.code).toBe('unexpected-sender');
    expect(sender.message).toContain('CN=Someone Else');
  });

  it('refuses an unprotected response unless it is a negative answer and the caller allowed that', () => {
    const sent = sentFrom('ir_rejected.der');
    const rejection = response('ip_rejection_badpop.der');
    delete rejection.protection;
    expect(codeOf(() => validateResponse(rejection, sent, macTrust))).toBe('unprotected');
    expect(validateResponse(rejection, sent, { ...macTrust, acceptUnprotectedErrors: true }).protection).toBe('none');
    const positive = response('ip_pbm_sha256_capubs.der');
    delete positive.protection;
    expect(codeOf(() => validateResponse(positive, sentFrom('ir_pbm_sha256.der'), { ...macTrust, acceptUnprotectedErrors: true }))).toBe('unprotected');
  });

  it('turns an error message into error-message with failInfo and text', () => {
    const errorResponse = response('error.der');
    const sent: SentRequest = { type: 'ir', transactionID: new Uint8Array(errorResponse.header.transactionID!), senderNonce: new Uint8Array(errorResponse.header.recipNonce!) };
    const error = errorOf(() => validateResponse(errorResponse, sent, macTrust));
    expect(error.code).toBe('error-message');
    expect(error.details.failInfo).toEqual(['badRequest']);
    expect(error.details.peerText).toContain('error processing message');
  });
});

describe('readCertResponse', () => {
  it('reports a rejection with failInfo names and status string', () => {
    const checked = validateResponse(response('ip_rejection_badpop.der'), sentFrom('ir_rejected.der'), macTrust);
    const error = errorOf(() => readCertResponse(checked.message, expectation));
    expect(error.code).toBe('rejected');
    expect(error.details).toMatchObject({ failInfo: ['badPOP'], peerText: ['proof of possession rejected'] });
  });

  it('reports waiting, then reads checkAfter from the pollRep', () => {
    const checked = validateResponse(response('ip_waiting.der'), sentFrom('ir_polled.der'), macTrust);
    expect(readCertResponse(checked.message, expectation)).toMatchObject({ status: 'waiting', certReqId: 0 });
    const poll = validateResponse(response('pollrep.der'), sentFrom('pollreq.der'), macTrust, { expectedTypes: ['pollRep', 'ip'] });
    expect(readPollRep(poll.message, 0).checkAfterSeconds).toBe(1);
    expect(codeOf(() => readPollRep(poll.message, 5))).toBe('certreqid-mismatch');
  });

  it('refuses a certificate for another key, one that does not chain, and another subject', () => {
    const message = response('ip_pbm_sha256_capubs.der');
    expect(codeOf(() => readCertResponse(message, { ...expectation, requestedPublicKey: client.publicKey }))).toBe('public-key-mismatch');
    expect(codeOf(() => readCertResponse(message, { ...expectation, trustAnchors: [server] }))).toBe('untrusted-certificate');
    expect(codeOf(() => readCertResponse(message, { ...expectation, expectedSubject: parseOpensslName('/CN=other') }))).toBe('bad-content');
    expect(codeOf(() => readCertResponse(message, { ...expectation, certReqId: 3 }))).toBe('certreqid-mismatch');
  });

  it('says once what it expected when it refuses a certificate, and keeps the certificate for certConf', () => {
    const refusal = errorOf(() => readCertResponse(response('ip_pbm_sha256_capubs.der'), { ...expectation, requestedPublicKey: client.publicKey }));
    expect(refusal.message.match(/expected the requested public key/g)).toHaveLength(1);
    expect(refusal.details.refusedCertificate?.subject).toBeTruthy();
  });

  it('accepts certReqId -1 for a p10cr and reports implicit confirm granted', () => {
    const cp = validateResponse(response('cp_p10cr_signed_ec.der'), sentFrom('p10cr_signed_ec.der'), signedTrust);
    expect(readCertResponse(cp.message, { ...expectation, requestType: 'p10cr' }).status).toBe('issued');
    const granted = validateResponse(response('ip_implicit_confirm_granted.der'), sentFrom('ir_implicit_confirm.der'), macTrust);
    expect(readCertResponse(granted.message, expectation)).toMatchObject({ status: 'issued', implicitConfirmGranted: true });
  });
});

describe('our own messages against our validator', () => {
  it('a response to a different transaction of ours is refused', () => {
    const request = buildCertificateRequest('ir', {
      header: { sender: parseOpensslName('/CN=a'), recipient: parseOpensslName('/CN=b'), transactionID: randomOctets(), senderNonce: randomOctets() },
      wish: { subject: parseOpensslName('/CN=a'), publicKey: enrolledPublicKey },
      privateKey: createPrivateKey(vectorPki('enrolled.key')),
    });
    protect(request, { kind: 'pbmac1', reference: new Uint8Array([1]), secret: VECTOR_SECRET });
    const sent = { type: 'ir' as const, transactionID: new Uint8Array(request.header.transactionID!), senderNonce: new Uint8Array(request.header.senderNonce!) };
    expect(codeOf(() => validateResponse(response('ip_pbm_sha256_capubs.der'), sent, macTrust))).toBe('transactionid-mismatch');
  });
});
