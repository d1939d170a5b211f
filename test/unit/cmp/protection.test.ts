import { createHmac, createPrivateKey, pbkdf2Sync } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePkiMessage, encodeDer, encodePkiMessage, id_PasswordBasedMac, id_PBMAC1, ProtectedPart } from '../../../src-main/cmp/asn1';
import {
  CmpProtectionError, passwordBasedMacAlgorithm, pbmac1Algorithm, protect, protectedPartDer, readPbmac1Parameters, verifyProtection,
  type ProtectionFailure,
} from '../../../src-main/cmp/protection';
import { parseCertificate, parseCertificateDer } from '../../../src-main/pki';
import { sendThroughOpensslMockServer, VECTOR_PKI_FILE, VECTOR_REFERENCE, VECTOR_SECRET, VECTORS, vector, vectorPki } from './vectors';

const reference = new TextEncoder().encode(VECTOR_REFERENCE);
const wrongSecret = new TextEncoder().encode('not-the-secret');
const macVectors = readdirSync(VECTORS).filter((name) => name.endsWith('.der') && decodePkiMessage(vector(name)).header.protectionAlg?.algorithm === id_PasswordBasedMac);
const signedVectors = readdirSync(VECTORS).filter((name) => name.endsWith('_signed_ec.der'));

function failureOf(action: () => unknown): ProtectionFailure {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CmpProtectionError);
    return (error as CmpProtectionError).failure;
  }
  throw new Error('expected a CmpProtectionError');
}

function signerOf(name: string) {
  const message = decodePkiMessage(vector(name));
  return parseCertificateDer(encodeDer(message.extraCerts![0].x509v3PKCert!));
}

describe('PasswordBasedMac on OpenSSL vectors', () => {
  it('covers SHA-256, SHA-512 and OpenSSL default hmac-sha1 vectors', () => {
    expect(macVectors).toEqual(expect.arrayContaining(['ir_pbm_sha256.der', 'ir_pbm_sha512.der', 'ip_pbm_hmac_sha1.der', 'pollrep.der', 'error.der']));
  });

  it.each(macVectors)('%s verifies with the known secret and fails with another', (name) => {
    const message = decodePkiMessage(vector(name));
    expect(verifyProtection(message, { secret: VECTOR_SECRET })).toEqual({ kind: 'mac', algorithm: id_PasswordBasedMac });
    expect(failureOf(() => verifyProtection(message, { secret: wrongSecret }))).toBe('mac-mismatch');
  });

  it('uses the bytes as received, not a re-encoding', () => {
    const message = decodePkiMessage(vector('ir_pbm_sha256.der'));
    const reencoded = encodeDer(new ProtectedPart({ header: message.header, body: message.body }));
    expect(Buffer.from(protectedPartDer(message)).equals(Buffer.from(reencoded))).toBe(true);
  });

  it('detects a changed body', () => {
    const bytes = vector('pollrep.der');
    const message = decodePkiMessage(bytes);
    const changed = bytes.slice();
    const bodyOffset = Buffer.from(bytes).indexOf(Buffer.from(message.bodyRaw!));
    changed[bodyOffset + message.bodyRaw!.length - 1] ^= 1;
    expect(failureOf(() => verifyProtection(decodePkiMessage(changed), { secret: VECTOR_SECRET }))).toBe('mac-mismatch');
  });

  it('refuses MAC protection when no secret is configured and unprotected messages', () => {
    const message = decodePkiMessage(vector('ip_pbm_sha512.der'));
    expect(failureOf(() => verifyProtection(message, {}))).toBe('no-secret');
    delete message.protection;
    expect(failureOf(() => verifyProtection(message, { secret: VECTOR_SECRET }))).toBe('missing-protection');
  });

  it('bounds the iteration count a peer chooses', () => {
    const message = decodePkiMessage(vector('ip_pbm_sha256_capubs.der'));
    message.header.protectionAlg = passwordBasedMacAlgorithm({ owf: 'sha256', mac: 'sha256', iterationCount: 5_000_000 });
    expect(failureOf(() => verifyProtection(message, { secret: VECTOR_SECRET }))).toBe('iteration-count-too-high');
  });
});

describe('our PasswordBasedMac', () => {
  it.each([
    [{ owf: 'sha256', mac: 'sha256', iterationCount: 500 }],
    [{ owf: 'sha512', mac: 'sha384', iterationCount: 1000 }],
    [{ owf: 'sha384', mac: 'sha512', iterationCount: 2047 }],
  ] as const)('is accepted by the OpenSSL mock server with %o', (settings) => {
    const message = decodePkiMessage(vector('ir_pbm_sha256.der'));
    protect(message, { kind: 'password-based-mac', reference, secret: VECTOR_SECRET, settings });
    const bytes = encodePkiMessage(message);
    expect(verifyProtection(decodePkiMessage(bytes), { secret: VECTOR_SECRET }).kind).toBe('mac');
    const secretArgs = ['-ref', VECTOR_REFERENCE, '-secret', 'pass:cmp-desk-vector-secret', '-srv_ref', VECTOR_REFERENCE, '-srv_secret', 'pass:cmp-desk-vector-secret'];
    expect(sendThroughOpensslMockServer(bytes, 'ir', secretArgs)).toContain('received IP');
    const wrongArgs = secretArgs.map((arg) => arg.replace('cmp-desk-vector-secret', 'other'));
    expect(sendThroughOpensslMockServer(bytes, 'ir', wrongArgs)).toContain('wrong pbm value');
  });

  it('writes a fresh 16-byte salt each time', () => {
    const a = passwordBasedMacAlgorithm({ owf: 'sha256', mac: 'sha256', iterationCount: 500 });
    const b = passwordBasedMacAlgorithm({ owf: 'sha256', mac: 'sha256', iterationCount: 500 });
    expect(Buffer.from(a.parameters!).equals(Buffer.from(b.parameters!))).toBe(false);
  });
});

describe('PBMAC1', () => {
  it('matches PBKDF2 + HMAC computed independently with node:crypto', () => {
    const message = decodePkiMessage(vector('ir_pbm_sha256.der'));
    protect(message, { kind: 'pbmac1', reference, secret: VECTOR_SECRET, settings: { prf: 'sha384', mac: 'sha512', iterationCount: 1000 } });
    const computation = readPbmac1Parameters(message.header.protectionAlg!, 100_000);
    expect(computation).toMatchObject({ iterationCount: 1000, keyLength: 64, prf: 'sha384', mac: 'sha512' });
    const key = pbkdf2Sync(VECTOR_SECRET, computation.salt, 1000, 64, 'sha384');
    const expected = createHmac('sha512', key).update(protectedPartDer(message)).digest();
    expect(Buffer.from(message.protection!).equals(expected)).toBe(true);
    expect(message.header.protectionAlg!.algorithm).toBe(id_PBMAC1);
    expect(computation.salt).toHaveLength(16);
  });

  it('round-trips through DER and verifies; wrong secret and tampering fail', () => {
    const message = decodePkiMessage(vector('ir_pbm_sha256.der'));
    protect(message, { kind: 'pbmac1', reference, secret: VECTOR_SECRET });
    const bytes = encodePkiMessage(message);
    expect(verifyProtection(decodePkiMessage(bytes), { secret: VECTOR_SECRET })).toEqual({ kind: 'mac', algorithm: id_PBMAC1 });
    expect(failureOf(() => verifyProtection(decodePkiMessage(bytes), { secret: wrongSecret }))).toBe('mac-mismatch');
  });

  it('encodes the RFC 8018 structure: PBKDF2 with salt, count, keyLength, prf; HMAC scheme', () => {
    const algorithm = pbmac1Algorithm({ prf: 'sha256', mac: 'sha256', iterationCount: 2000 }, Buffer.alloc(16, 1));
    expect(Buffer.from(algorithm.parameters!).toString('hex')).toBe(
      '3044' + '3034' + '06092a864886f70d01050c' + '3027' + '0410' + '01'.repeat(16) + '020207d0' + '020120' +
        '300c06082a864886f70d02090500' + '300c06082a864886f70d02090500',
    );
  });

  it('refuses peer parameters beyond the bounds', () => {
    const message = decodePkiMessage(vector('ir_pbm_sha256.der'));
    protect(message, { kind: 'pbmac1', reference, secret: VECTOR_SECRET, settings: { iterationCount: 200_000 } });
    expect(failureOf(() => verifyProtection(message, { secret: VECTOR_SECRET }))).toBe('iteration-count-too-high');
  });
});

describe('signature protection', () => {
  it.each(signedVectors)('%s verifies with its extraCerts[0]', (name) => {
    const message = decodePkiMessage(vector(name));
    expect(verifyProtection(message, { signerCertificate: signerOf(name) }).kind).toBe('signature');
  });

  it('refuses a signer that is not the one whose key signed, and a senderKID that names another key', () => {
    const message = decodePkiMessage(vector('cp_signed_ec.der'));
    const other = parseCertificate(vectorPki('enrolled.crt'));
    expect(failureOf(() => verifyProtection(message, { signerCertificate: other }))).toBe('sender-kid-mismatch');
    expect(failureOf(() => verifyProtection(message, {}))).toBe('no-signer-certificate');
    delete message.header.senderKID;
    expect(failureOf(() => verifyProtection(message, { signerCertificate: other }))).toBe('signature-invalid');
  });

  it('signs with our key so that OpenSSL accepts it, SKID as senderKID, cert and chain in extraCerts', () => {
    const certificate = parseCertificate(vectorPki('client.crt'));
    const root = parseCertificate(vectorPki('root.crt'));
    const message = decodePkiMessage(vector('cr_signed_ec.der'));
    protect(message, { kind: 'signature', privateKey: createPrivateKey(vectorPki('client.key')), certificate, chain: [root] });
    const bytes = encodePkiMessage(message);
    const back = decodePkiMessage(bytes);
    expect(Buffer.from(back.header.senderKID!).equals(Buffer.from(certificate.subjectKeyIdentifier!))).toBe(true);
    expect(back.extraCerts).toHaveLength(2);
    expect(verifyProtection(back, { signerCertificate: certificate }).kind).toBe('signature');
    const log = sendThroughOpensslMockServer(bytes, 'cr', [
      '-cert', VECTOR_PKI_FILE('client.crt'), '-key', VECTOR_PKI_FILE('client.key'), '-trusted', VECTOR_PKI_FILE('root.crt'),
      '-srv_cert', VECTOR_PKI_FILE('server.crt'), '-srv_key', VECTOR_PKI_FILE('server.key'), '-srv_trusted', VECTOR_PKI_FILE('root.crt'),
    ]);
    expect(log).toContain('received CP');
  });
});
