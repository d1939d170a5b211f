import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Name } from '@peculiar/asn1-x509';
import {
  decodePkiMessage, encodeDer, encodePkiMessage, id_PBMAC1, id_PasswordBasedMac, pkiBodyType, PKIStatus, type PKIMessage,
} from '../../../src-main/cmp/asn1';
import { buildCertConf, buildCertificateRequest, buildGenm, buildPollReq, caCertsQuestion, type HeaderOptions, randomOctets, readCaCerts } from '../../../src-main/cmp/messages';
import { protect, verifyProtection, type Protector } from '../../../src-main/cmp/protection';
import { parseCertificateDer, type ParsedCertificate } from '../../../src-main/pki/certificate';
import { generateKeyPair, sameSubjectPublicKey, type KeyPair } from '../../../src-main/pki/keys';
import { parseOpensslName } from '../../../src-main/pki/names';
import { LabCa } from '../../../src-main/labca/lab_ca';
import type { TestKnobs } from '../../../src-main/labca/test_knobs';

const path = '/.well-known/cmp';
const reference = 'unit-ref';
const secret = new Uint8Array(Buffer.from('unit-secret-value'));
const pbmac1: Protector = { kind: 'pbmac1', reference: new Uint8Array(Buffer.from(reference)), secret };
const pbm: Protector = { kind: 'password-based-mac', reference: new Uint8Array(Buffer.from(reference)), secret };

let dir: string;
let labCa: LabCa;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labca-unit-'));
  labCa = await LabCa.start({ dir, passphrase: { kind: 'given', passphrase: 'unit-test-passphrase' }, paths: [{ path, sharedSecrets: { [reference]: 'unit-secret-value' } }], adminHttp: true });
});

afterAll(async () => {
  await labCa?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function post(message: PKIMessage): Promise<Response> {
  return fetch(`${labCa.httpUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/pkixcmp' }, body: Buffer.from(encodePkiMessage(message)) });
}

async function exchange(message: PKIMessage, protector: Protector = pbmac1): Promise<PKIMessage> {
  const response = await post(protect(message, protector));
  expect(response.status).toBe(200);
  return decodePkiMessage(new Uint8Array(await response.arrayBuffer()));
}

function header(transactionID = randomOctets(), recipNonce?: Uint8Array): HeaderOptions {
  return { sender: parseOpensslName('/CN=unit'), recipient: new Name(), transactionID, senderNonce: randomOctets(), recipNonce };
}

async function ir(key: KeyPair, options: { knobs?: TestKnobs; subject?: string; implicitConfirm?: boolean; transactionID?: Uint8Array } = {}) {
  labCa.admin.setKnobs(path, options.knobs ?? {});
  const requestHeader = { ...header(options.transactionID), implicitConfirm: options.implicitConfirm };
  const request = buildCertificateRequest('ir', { header: requestHeader, wish: { subject: parseOpensslName(options.subject ?? '/CN=unit-ir'), publicKey: key.publicKey }, privateKey: key.privateKey });
  const response = await exchange(request);
  return { requestHeader, response };
}

function issuedCertificate(response: PKIMessage): ParsedCertificate {
  const certificate = response.body.ip?.response[0].certifiedKeyPair?.certOrEncCert.certificate?.x509v3PKCert;
  expect(certificate, JSON.stringify(response.body.error?.pKIStatusInfo ?? response.body.ip?.response[0].status)).toBeDefined();
  return parseCertificateDer(encodePkiMessageCertificate(response));
}

function encodePkiMessageCertificate(response: PKIMessage): Uint8Array {
  return encodeDer(response.body.ip?.response[0].certifiedKeyPair?.certOrEncCert.certificate as object);
}

function certConf(requestHeader: HeaderOptions, response: PKIMessage, certificate: ParsedCertificate, rejection?: { reason: string }) {
  return buildCertConf({
    header: { ...header(requestHeader.transactionID, new Uint8Array(response.header.senderNonce as ArrayBuffer)) },
    certificate,
    certReqId: 0,
    rejection,
  });
}

function errorFailInfo(response: PKIMessage): string[] {
  return response.body.error?.pKIStatusInfo.failInfo?.names() ?? [];
}

describe('lab CA CMP service (in process)', () => {
  it('answers a PBMAC1 ir with a PBMAC1-protected ip, and counts the certificate only after certConf', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const { requestHeader, response } = await ir(key);
    expect(response.header.protectionAlg?.algorithm).toBe(id_PBMAC1);
    expect(() => verifyProtection(response, { secret })).not.toThrow();
    const certificate = issuedCertificate(response);
    expect(sameSubjectPublicKey(certificate.publicKey, key.publicKey)).toBe(true);
    expect(labCa.admin.certificates().find((c) => c.serialHex === certificate.serialHex)?.state).toBe('awaiting-confirmation');

    const confirmation = await exchange(certConf(requestHeader, response, certificate));
    expect(pkiBodyType(confirmation.body)).toBe('pkiconf');
    expect(labCa.admin.certificates().find((c) => c.serialHex === certificate.serialHex)?.state).toBe('issued');
  });

  it('answers PasswordBasedMac with PasswordBasedMac', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    labCa.admin.setKnobs(path, { });
    const request = buildCertificateRequest('ir', { header: { ...header(), implicitConfirm: true }, wish: { subject: parseOpensslName('/CN=pbm'), publicKey: key.publicKey }, privateKey: key.privateKey });
    const response = await exchange(request, pbm);
    expect(response.header.protectionAlg?.algorithm).toBe(id_PasswordBasedMac);
    expect(issuedCertificate(response).subject).toBe('CN=pbm');
  });

  it('refuses a certConf with a wrong certHash or a wrong recipNonce, and revokes on a rejecting certConf', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const { requestHeader, response } = await ir(key);
    const certificate = issuedCertificate(response);

    const other = issuedCertificate((await ir(key, { implicitConfirm: true })).response);
    expect(errorFailInfo(await exchange(certConf(requestHeader, response, other)))).toEqual(['badCertId']);
    const wrongNonce = buildCertConf({ header: header(requestHeader.transactionID, randomOctets()), certificate, certReqId: 0 });
    expect(errorFailInfo(await exchange(wrongNonce))).toEqual(['badRecipientNonce']);

    const rejected = await exchange(certConf(requestHeader, response, certificate, { reason: 'not what I asked for' }));
    expect(pkiBodyType(rejected.body)).toBe('pkiconf');
    expect(labCa.admin.certificates().find((c) => c.serialHex === certificate.serialHex)?.state).toBe('revoked');
  });

  it('refuses an unprotected request and a reused transactionID', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const unprotected = buildCertificateRequest('ir', { header: header(), wish: { subject: parseOpensslName('/CN=x'), publicKey: key.publicKey }, privateKey: key.privateKey });
    const response = await post(unprotected);
    const answer = decodePkiMessage(new Uint8Array(await response.arrayBuffer()));
    expect(errorFailInfo(answer)).toEqual(['badMessageCheck']);
    expect(answer.extraCerts?.length).toBe(2);

    const transactionID = randomOctets();
    await ir(key, { transactionID, implicitConfirm: true });
    expect(errorFailInfo((await ir(key, { transactionID })).response)).toEqual(['transactionIdInUse']);
  });

  it('genm caCerts returns issuing CA and root', async () => {
    labCa.admin.setKnobs(path, {});
    const response = await exchange(buildGenm(header(), [caCertsQuestion()]));
    const chain = readCaCerts(response.body.genp?.[0] as never);
    expect(chain.map((c) => c.subject)).toEqual([labCa.store.issuing.subject, labCa.store.root.subject]);
  });
});

describe('test knobs', () => {
  it('waitingCount: ip waiting, then pollRep, then the certificate on the last pollReq', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const { requestHeader, response } = await ir(key, { knobs: { waitingCount: 2, checkAfterSeconds: 7 } });
    expect(response.body.ip?.response[0].status.status).toBe(PKIStatus.waiting);
    const first = await exchange(buildPollReq(header(requestHeader.transactionID, new Uint8Array(response.header.senderNonce as ArrayBuffer)), 0));
    expect(first.body.pollRep?.[0].checkAfter).toBe(7);
    const second = await exchange(buildPollReq(header(requestHeader.transactionID, new Uint8Array(first.header.senderNonce as ArrayBuffer)), 0));
    expect(issuedCertificate(second).subject).toBe('CN=unit-ir');
  });

  it('reject: the ip carries rejection with the configured failInfo', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const { response } = await ir(key, { knobs: { reject: { failInfo: ['badCertTemplate'], text: 'no' } } });
    const status = response.body.ip?.response[0].status;
    expect(status?.status).toBe(PKIStatus.rejection);
    expect(status?.failInfo?.names()).toEqual(['badCertTemplate']);
  });

  it('wrongTransactionId, wrongRecipNonce and badProtection change exactly that', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const a = await ir(key, { knobs: { wrongTransactionId: true } });
    expect(Buffer.from(a.response.header.transactionID as ArrayBuffer).equals(a.requestHeader.transactionID)).toBe(false);
    const b = await ir(key, { knobs: { wrongRecipNonce: true } });
    expect(Buffer.from(b.response.header.recipNonce as ArrayBuffer).equals(b.requestHeader.senderNonce)).toBe(false);
    const c = await ir(key, { knobs: { badProtection: true } });
    expect(() => verifyProtection(c.response, { secret })).toThrow(/MAC/);
  });

  it('shortValiditySeconds and issueForOtherKey spoil the certificate', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const short = issuedCertificate((await ir(key, { knobs: { shortValiditySeconds: 120 }, implicitConfirm: true })).response);
    expect(short.notAfter.getTime() - Date.now()).toBeLessThanOrEqual(121_000);
    const other = issuedCertificate((await ir(key, { knobs: { issueForOtherKey: true }, implicitConfirm: true })).response);
    expect(sameSubjectPublicKey(other.publicKey, key.publicKey)).toBe(false);
  });

  it('delayMs delays the answer', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const started = Date.now();
    await ir(key, { knobs: { delayMs: 300 }, implicitConfirm: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('httpFailure breaks the HTTP exchange in each way', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const request = () => protect(buildCertificateRequest('ir', { header: header(), wish: { subject: parseOpensslName('/CN=h'), publicKey: key.publicKey }, privateKey: key.privateKey }), pbmac1);
    labCa.admin.setKnobs(path, { httpFailure: 'status-500' });
    expect((await post(request())).status).toBe(500);
    labCa.admin.setKnobs(path, { httpFailure: 'garbage' });
    const garbage = new Uint8Array(await (await post(request())).arrayBuffer());
    expect(() => decodePkiMessage(garbage)).toThrow();
    labCa.admin.setKnobs(path, { httpFailure: 'close-connection' });
    await expect(post(request())).rejects.toThrow();
    labCa.admin.setKnobs(path, { httpFailure: 'truncated' });
    await expect(post(request()).then((r) => r.arrayBuffer())).rejects.toThrow();
    labCa.admin.setKnobs(path, {});
  });

  it('appliesTo limits a knob to some request kinds', async () => {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const { response } = await ir(key, { knobs: { appliesTo: ['certConf'], reject: { failInfo: ['systemFailure'] } } });
    expect(response.body.ip?.response[0].status.status).toBe(PKIStatus.accepted);
  });
});

describe('admin over HTTP', () => {
  it('requires the token and validates knobs', async () => {
    const url = `${labCa.httpUrl}/labca-admin/knobs?path=${encodeURIComponent(path)}`;
    expect((await fetch(url)).status).toBe(401);
    const auth = { Authorization: `Bearer ${labCa.adminToken}`, 'Content-Type': 'application/json' };
    expect((await fetch(url, { method: 'PUT', headers: auth, body: JSON.stringify({ delayMs: 5 }) })).status).toBe(204);
    expect(await (await fetch(url, { headers: auth })).json()).toEqual({ delayMs: 5 });
    expect((await fetch(url, { method: 'PUT', headers: auth, body: JSON.stringify({ nonsense: true }) })).status).toBe(400);
    labCa.admin.setKnobs(path, {});
  });
});

describe('CA folder', () => {
  it('loads the same CA again and continues serials', async () => {
    const other = join(dir, 'second');
    const first = await LabCa.start({ dir: other, passphrase: { kind: 'given', passphrase: 'second-passphrase' }, http: false });
    const fingerprint = first.rootFingerprintSha256;
    await first.stop();
    const again = await LabCa.start({ dir: other, passphrase: { kind: 'given', passphrase: 'second-passphrase' }, http: false });
    expect(again.rootFingerprintSha256).toBe(fingerprint);
    await again.stop();
    await expect(LabCa.start({ dir: other, passphrase: { kind: 'given', passphrase: 'a-wrong-passphrase' }, http: false })).rejects.toThrow(/issuing CA key/);
  });
});
