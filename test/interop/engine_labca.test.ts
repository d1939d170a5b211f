import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList, Name } from '@peculiar/asn1-x509';
import { CmpDecodeError } from '../../src-main/cmp/asn1/der_limits';
import { type Protector } from '../../src-main/cmp/protection';
import {
  type CmpSession, CmpTransactionError, EnrollmentTransaction, type EnrollmentResult, fetchCaCerts, fetchCertReqTemplate, fetchRootCaUpdate,
  RevocationTransaction, type TransactionEvent,
} from '../../src-main/cmp/transactions';
import { HttpTransport, TransportError } from '../../src-main/cmp/transport';
import { CmpProtocolError } from '../../src-main/cmp/validation/cmp_protocol_error';
import { LabCa, type TestKnobs } from '../../src-main/labca';
import { buildCsr } from '../../src-main/pki/csr';
import { generateKeyPair, type KeyPair, sameSubjectPublicKey } from '../../src-main/pki/keys';
import { parseOpensslName } from '../../src-main/pki/names';
import type { ParsedCertificate } from '../../src-main/pki/certificate';

/**
 * Our CMP engine (transactions over HttpTransport) against the in-process lab CA, over HTTP and
 * over HTTPS with the lab CA's TLS certificate trusted through its root: every transaction type,
 * then every test knob driving the engine into its typed error state.
 */

const mainPath = '/.well-known/cmp';
const knobPath = '/.well-known/cmp/p/knobs';
const reference = 'engine-ref';
const secretText = 'engine-secret-value';
const secret = new Uint8Array(Buffer.from(secretText));
const pbm: Protector = { kind: 'password-based-mac', reference: new Uint8Array(Buffer.from(reference)), secret };
const pbmac1: Protector = { kind: 'pbmac1', reference: new Uint8Array(Buffer.from(reference)), secret };

let dir: string;
let ca: LabCa;
let root: ParsedCertificate;
const transports: HttpTransport[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'engine-labca-'));
  ca = await LabCa.start({
    dir,
    passphrase: { kind: 'given', passphrase: 'engine-test-passphrase' },
    https: true,
    paths: [{ path: mainPath, sharedSecrets: { [reference]: secretText } }, { path: knobPath, sharedSecrets: { [reference]: secretText } }],
  });
  root = ca.store.root;
});

afterAll(async () => {
  for (const transport of transports) transport.close();
  await ca?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Scheme = 'http' | 'https';

function transportFor(scheme: Scheme, path: string): HttpTransport {
  const base = scheme === 'http' ? ca.httpUrl : ca.httpsUrl;
  const transport = new HttpTransport({ url: `${base}${path}`, tls: scheme === 'https' ? { trustedCaPem: [ca.rootCaPem] } : undefined });
  transports.push(transport);
  return transport;
}

function session(transport: HttpTransport, protector: Protector = pbm, extra: Partial<CmpSession> = {}): CmpSession {
  return { transport, protector, trust: { secret, trustAnchors: [root] }, sender: parseOpensslName('/CN=engine'), recipient: new Name(), ...extra };
}

async function ir(s: CmpSession, options: { implicitConfirm?: boolean; subject?: string; events?: TransactionEvent[] } = {}): Promise<{ key: KeyPair; result: EnrollmentResult }> {
  const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
  const withEvents = options.events ? { ...s, onProgress: (event: TransactionEvent) => options.events?.push(event) } : s;
  const result = await new EnrollmentTransaction(withEvents, {
    type: 'ir',
    wish: { subject: parseOpensslName(options.subject ?? '/CN=engine-ir'), publicKey: key.publicKey },
    privateKey: key.privateKey,
    trustAnchors: [root],
    implicitConfirm: options.implicitConfirm,
  }).run();
  return { key, result };
}

function stateOf(serialHex: string) {
  return ca.admin.certificates().find((entry) => entry.serialHex === serialHex);
}

function signedBy(key: KeyPair, certificate: ParsedCertificate): Protector {
  return { kind: 'signature', privateKey: key.privateKey, certificate, chain: [ca.store.issuing] };
}

describe.each(['http', 'https'] as const)('engine -> lab CA over %s', (scheme) => {
  it('ir with PasswordBasedMac: certificate for our key, chain to the root, counted issued after certConf', async () => {
    const { key, result } = await ir(session(transportFor(scheme, mainPath), pbm));
    expect(sameSubjectPublicKey(result.certificate.publicKey, key.publicKey)).toBe(true);
    expect(result.chain.map((c) => c.subject)).toEqual([result.certificate.subject, ca.store.issuing.subject, root.subject]);
    expect(result.implicitConfirmGranted).toBe(false);
    expect(stateOf(result.certificate.serialHex)).toMatchObject({ state: 'issued', confirmed: true });
  });

  it('ir with PBMAC1', async () => {
    const { result } = await ir(session(transportFor(scheme, mainPath), pbmac1), { subject: '/CN=engine-pbmac1' });
    expect(result.certificate.subject).toBe('CN=engine-pbmac1');
    expect(stateOf(result.certificate.serialHex)?.state).toBe('issued');
  });

  it('cr and kur signature-protected with the issued certificate; p10cr from a CSR', async () => {
    const transport = transportFor(scheme, mainPath);
    const first = await ir(session(transport));
    const crKey = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const cr = await new EnrollmentTransaction(session(transport, signedBy(first.key, first.result.certificate)), {
      type: 'cr', wish: { subject: parseOpensslName('/CN=engine-cr'), publicKey: crKey.publicKey }, privateKey: crKey.privateKey, trustAnchors: [root],
    }).run();
    expect(cr.certificate.subject).toBe('CN=engine-cr');

    const newKey = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const kur = await new EnrollmentTransaction(session(transport, signedBy(crKey, cr.certificate)), {
      type: 'kur', wish: { subject: cr.certificate.subjectName, publicKey: newKey.publicKey }, privateKey: newKey.privateKey, oldCertificate: cr.certificate, trustAnchors: [root],
    }).run();
    expect(sameSubjectPublicKey(kur.certificate.publicKey, newKey.publicKey)).toBe(true);
    expect(stateOf(kur.certificate.serialHex)?.state).toBe('issued');

    const csrKey = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const p10 = await new EnrollmentTransaction(session(transport), { type: 'p10cr', csrDer: buildCsr({ subject: parseOpensslName('/CN=engine-p10cr'), keyPair: csrKey }), trustAnchors: [root] }).run();
    expect(p10.certificate.subject).toBe('CN=engine-p10cr');
    expect(sameSubjectPublicKey(p10.certificate.publicKey, csrKey.publicKey)).toBe(true);
  });

  it('rr revokes, and the CRL served by the lab CA lists the serial', async () => {
    const transport = transportFor(scheme, mainPath);
    const { result } = await ir(session(transport), { subject: '/CN=engine-rr' });
    const revocation = await new RevocationTransaction(session(transport)).run(result.certificate, 'keyCompromise');
    expect(revocation.status).toBe('accepted');
    expect(stateOf(result.certificate.serialHex)).toMatchObject({ state: 'revoked', revocationReason: 1 });
    const crl = AsnConvert.parse(await (await fetch(ca.crlUrl as string)).arrayBuffer(), CertificateList);
    const listed = (crl.tbsCertList.revokedCertificates ?? []).map((entry) => Buffer.from(entry.userCertificate).toString('hex').replace(/^(00)+/, '').toUpperCase());
    expect(listed).toContain(result.certificate.serialHex);
  });

  it('genm caCerts, rootCaCert (no update for the root we hold) and certReqTemplate', async () => {
    const s = session(transportFor(scheme, mainPath));
    expect((await fetchCaCerts(s)).map((c) => c.subject)).toEqual([ca.store.issuing.subject, root.subject]);
    expect(await fetchRootCaUpdate(s, root)).toBeUndefined();
    const template = await fetchCertReqTemplate(s);
    expect(template?.certTemplate).toBeDefined();
  });

  it('implicitConfirm: granted, no certConf, counted issued at once', async () => {
    const events: TransactionEvent[] = [];
    const { result } = await ir(session(transportFor(scheme, mainPath)), { implicitConfirm: true, events });
    expect(result.implicitConfirmGranted).toBe(true);
    expect(events.some((e) => e.type === 'state' && e.state === 'confirming')).toBe(false);
    expect(events.filter((e) => e.type === 'message-sent').map((e) => e.type === 'message-sent' && e.messageType)).toEqual(['ir']);
    expect(stateOf(result.certificate.serialHex)).toMatchObject({ state: 'issued', confirmed: true });
  });
});

describe('engine -> lab CA: polling and the error state of every test knob', () => {
  function withKnobs(knobs: TestKnobs): HttpTransport {
    ca.admin.setKnobs(knobPath, knobs);
    return transportFor('http', knobPath);
  }

  async function failure(promise: Promise<unknown>): Promise<CmpTransactionError> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CmpTransactionError);
    return error as CmpTransactionError;
  }

  afterAll(() => ca.admin.setKnobs(knobPath, {}));

  it('polls while the CA answers waiting, then enrolls', async () => {
    const events: TransactionEvent[] = [];
    const { result } = await ir(session(withKnobs({ waitingCount: 3, checkAfterSeconds: 0, appliesTo: ['ir', 'pollReq'] })), { events });
    expect(events.filter((e) => e.type === 'poll-scheduled')).toHaveLength(3);
    expect(stateOf(result.certificate.serialHex)?.state).toBe('issued');
  });

  it('reject with failInfo -> rejected, naming the failInfo and the CA text', async () => {
    const error = await failure(ir(session(withKnobs({ reject: { failInfo: ['badCertTemplate'], text: 'knob says no' } }))));
    expect(error.code).toBe('rejected');
    expect(error.cause).toBeInstanceOf(CmpProtocolError);
    expect((error.cause as CmpProtocolError).details).toMatchObject({ failInfo: ['badCertTemplate'], peerText: ['knob says no'] });
  });

  it('delay beyond the message timeout -> timeout', async () => {
    const error = await failure(ir(session(withKnobs({ delayMs: 1500 }), pbm, { messageTimeoutMs: 300 })));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/300 ms/);
  });

  it('HTTP 500 -> transport error with the status', async () => {
    const error = await failure(ir(session(withKnobs({ httpFailure: 'status-500' }))));
    expect(error.code).toBe('transport');
    expect(error.cause).toBeInstanceOf(TransportError);
    expect(error.cause).toMatchObject({ code: 'http-status' });
    expect(error.message).toMatch(/expected HTTP 200, got HTTP 500/);
  });

  it('connection closed without an answer -> transport error', async () => {
    const error = await failure(ir(session(withKnobs({ httpFailure: 'close-connection' }))));
    expect(error.code).toBe('transport');
    expect(error.cause).toBeInstanceOf(TransportError);
    expect(error.cause).toMatchObject({ code: 'truncated' });
    expect(error.message).toMatch(/closed the connection before sending a complete response/);
  });

  it('garbage bytes -> decode error', async () => {
    const error = await failure(ir(session(withKnobs({ httpFailure: 'garbage' }))));
    expect(error.code).toBe('decode');
    expect(error.cause).toBeInstanceOf(CmpDecodeError);
  });

  it('truncated body -> transport error "truncated"', async () => {
    const error = await failure(ir(session(withKnobs({ httpFailure: 'truncated' }))));
    expect(error.code).toBe('transport');
    expect(error.cause).toMatchObject({ code: 'truncated' });
  });

  it('wrong transactionID -> protocol error transactionid-mismatch', async () => {
    const error = await failure(ir(session(withKnobs({ wrongTransactionId: true }))));
    expect(error.code).toBe('protocol');
    expect(error.cause).toMatchObject({ code: 'transactionid-mismatch' });
  });

  it('wrong recipNonce -> protocol error recipnonce-mismatch', async () => {
    const error = await failure(ir(session(withKnobs({ wrongRecipNonce: true }))));
    expect(error.code).toBe('protocol');
    expect(error.cause).toMatchObject({ code: 'recipnonce-mismatch' });
  });

  it('bad protection -> protocol error bad-protection naming the MAC mismatch', async () => {
    const error = await failure(ir(session(withKnobs({ badProtection: true }))));
    expect(error.code).toBe('protocol');
    expect(error.cause).toMatchObject({ code: 'bad-protection' });
    expect(error.message).toMatch(/MAC does not verify/);
  });

  it('too-short validity: the engine accepts (minimum validity is the lifecycle policy\'s check)', async () => {
    const { result } = await ir(session(withKnobs({ shortValiditySeconds: 120 })));
    expect(result.certificate.notAfter.getTime() - Date.now()).toBeLessThan(121_000);
    expect(stateOf(result.certificate.serialHex)?.state).toBe('issued');
  });

  it('certificate for another key -> rejected in certConf; the lab CA counts it revoked', async () => {
    const error = await failure(ir(session(withKnobs({ issueForOtherKey: true, appliesTo: ['ir'] }))));
    expect(error.code).toBe('rejected');
    expect(error.message).toMatch(/another key/);
    const refused = (error.cause as CmpProtocolError).details.refusedCertificate as ParsedCertificate;
    expect(stateOf(refused.serialHex)).toMatchObject({ state: 'revoked', confirmed: false });
  });
});
