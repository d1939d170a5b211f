import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Name } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import {
  decodePkiMessage, encodeDer, encodePkiMessage, id_it_caCerts, id_it_implicitConfirm, id_regCtrl_oldCertID, PKIStatus, PVNO_CMP2000, PVNO_CMP2021,
} from '../../../src-main/cmp/asn1';
import {
  buildCertConf, buildCertificateRequest, buildError, buildGenm, buildP10cr, buildPollReq, buildRr, caCertsQuestion, certHashChoice,
  certHashMatches, randomOctets, type HeaderOptions,
} from '../../../src-main/cmp/messages';
import { protect } from '../../../src-main/cmp/protection';
import { generateKeyPair, parseCertificate, parseOpensslName, publicKeyDer, verifyWithAlgorithm } from '../../../src-main/pki';
import { OPENSSL_PBM_ARGS, sendThroughOpensslMockServer, VECTOR_PKI_FILE, VECTOR_REFERENCE, VECTOR_SECRET, vector, vectorPki } from './vectors';

const reference = new TextEncoder().encode(VECTOR_REFERENCE);
const enrolledKey = createPrivateKey(vectorPki('enrolled.key'));
const enrolled = parseCertificate(vectorPki('enrolled.crt'));
const signedArgs = [
  '-cert', VECTOR_PKI_FILE('enrolled.crt'), '-key', VECTOR_PKI_FILE('enrolled.key'), '-trusted', VECTOR_PKI_FILE('root.crt'),
  '-srv_cert', VECTOR_PKI_FILE('server.crt'), '-srv_key', VECTOR_PKI_FILE('server.key'), '-srv_trusted', VECTOR_PKI_FILE('root.crt'),
];

function header(overrides: Partial<HeaderOptions> = {}): HeaderOptions {
  return {
    sender: parseOpensslName('/O=cmp-desk vectors/CN=Vector Enrolled'),
    recipient: parseOpensslName('/CN=Vector CMP Server'),
    transactionID: randomOctets(),
    senderNonce: randomOctets(),
    ...overrides,
  };
}

const wish = {
  subject: parseOpensslName('/O=cmp-desk vectors/CN=Vector Enrolled'),
  publicKey: createPublicKey(enrolledKey),
  sans: { dns: ['vector.example'], ip: ['192.0.2.7'], uri: [], email: [] },
  keyUsage: ['digitalSignature' as const, 'keyAgreement' as const],
  extendedKeyUsage: ['serverAuth', 'clientAuth'],
  validity: { notAfter: new Date('2031-01-01T00:00:00Z') },
};

describe('ir/cr/kur builders', () => {
  it('builds an ir that the OpenSSL mock server accepts (PBM, signature POP over CertRequest)', () => {
    const message = buildCertificateRequest('ir', { header: header({ implicitConfirm: true, certProfile: 'tls-server' }), wish, privateKey: enrolledKey });
    protect(message, { kind: 'password-based-mac', reference, secret: VECTOR_SECRET });
    const bytes = encodePkiMessage(message);
    const back = decodePkiMessage(bytes);
    expect(back.header.pvno).toBe(PVNO_CMP2000);
    expect(back.header.transactionID!.byteLength).toBe(16);
    expect(back.header.generalInfo!.map((itav) => itav.infoType)).toContain(id_it_implicitConfirm);
    const template = back.body.ir![0].certReq.certTemplate;
    expect(template.extensions!.map((extension) => extension.extnID)).toEqual(['2.5.29.17', '2.5.29.15', '2.5.29.37']);
    expect(template.validity!.notAfter!.getTime().toISOString()).toBe('2031-01-01T00:00:00.000Z');
    const popo = back.body.ir![0].popo!.signature!;
    expect(verifyWithAlgorithm(encodeDer(back.body.ir![0].certReq), new Uint8Array(popo.signature), wish.publicKey, popo.algorithmIdentifier)).toBe(true);
    expect(sendThroughOpensslMockServer(bytes, 'ir', OPENSSL_PBM_ARGS)).toContain('received IP');
  });

  it('builds a kur with oldCertID, signed with the current certificate, that OpenSSL accepts', () => {
    const message = buildCertificateRequest('kur', { header: header(), wish, privateKey: enrolledKey, oldCertificate: enrolled });
    protect(message, { kind: 'signature', privateKey: enrolledKey, certificate: enrolled, chain: [parseCertificate(vectorPki('root.crt'))] });
    const bytes = encodePkiMessage(message);
    const controls = decodePkiMessage(bytes).body.kur![0].certReq.controls!;
    expect(controls[0].type).toBe(id_regCtrl_oldCertID);
    expect(sendThroughOpensslMockServer(bytes, 'kur', signedArgs)).toContain('received KUP');
  });

  it('builds a p10cr and an rr that OpenSSL accepts', () => {
    const p10cr = protect(buildP10cr(header(), new Uint8Array(readFileSync(VECTOR_PKI_FILE('enrolled.csr.der')))), { kind: 'password-based-mac', reference, secret: VECTOR_SECRET });
    expect(sendThroughOpensslMockServer(encodePkiMessage(p10cr), 'p10cr', [...OPENSSL_PBM_ARGS, '-csr', VECTOR_PKI_FILE('enrolled.csr.der')])).toContain('received CP');
    const rr = protect(buildRr(header(), enrolled, 'superseded'), { kind: 'password-based-mac', reference, secret: VECTOR_SECRET });
    const log = sendThroughOpensslMockServer(encodePkiMessage(rr), 'rr', [...OPENSSL_PBM_ARGS, '-oldcert', VECTOR_PKI_FILE('enrolled.crt')]);
    expect(log).toContain('received RP');
    expect(log).toContain('revocation accepted');
  });

  it('builds a genm that OpenSSL answers', () => {
    const genm = protect(buildGenm(header(), [caCertsQuestion()]), { kind: 'password-based-mac', reference, secret: VECTOR_SECRET });
    expect(decodePkiMessage(encodePkiMessage(genm)).body.genm![0].infoType).toBe(id_it_caCerts);
    expect(sendThroughOpensslMockServer(encodePkiMessage(genm), 'genm', OPENSSL_PBM_ARGS)).toContain('received GENP');
  });
});

describe('certConf', () => {
  it('computes the same certHash as OpenSSL for an ECDSA-SHA256 certificate, pvno 2, no hashAlg', () => {
    const opensslStatus = decodePkiMessage(vector('certconf_pbm.der')).body.certConf![0];
    const ours = buildCertConf({ header: header(), certificate: enrolled, certReqId: 0 });
    const status = ours.body.certConf![0];
    expect(Buffer.from(status.certHash).equals(Buffer.from(opensslStatus.certHash))).toBe(true);
    expect(status.hashAlg).toBeUndefined();
    expect(status.statusInfo!.status).toBe(PKIStatus.accepted);
    expect(ours.header.pvno).toBe(PVNO_CMP2000);
    expect(certHashMatches(enrolled, opensslStatus)).toBe(true);
  });

  it('uses SHA-512 for Ed25519: without hashAlg in a pvno 2 transaction, with hashAlg in a pvno 3 one or when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmp-ed25519-'));
    try {
      const certFile = join(dir, 'ed.crt');
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ed25519', '-nodes', '-keyout', join(dir, 'ed.key'), '-subj', '/CN=ed', '-days', '1', '-out', certFile]);
      expect(made.status).toBe(0);
      const certificate = parseCertificate(readFileSync(certFile, 'utf8'));
      expect(certHashChoice(certificate)).toEqual({ hash: 'sha512', explicit: false });
      expect(certHashChoice(certificate, { pvno: PVNO_CMP2021 })).toEqual({ hash: 'sha512', explicit: true });

      const v2 = buildCertConf({ header: header(), certificate, certReqId: 0 });
      expect(v2.header.pvno).toBe(PVNO_CMP2000);
      expect(v2.body.certConf![0].hashAlg).toBeUndefined();
      expect(Buffer.from(v2.body.certConf![0].certHash)).toEqual(createHash('sha512').update(certificate.der).digest());

      for (const v3 of [
        buildCertConf({ header: { ...header(), pvno: PVNO_CMP2021 }, certificate, certReqId: 0 }),
        buildCertConf({ header: header(), certificate, certReqId: 0, explicitHashAlgForEdDsa: true }),
      ]) {
        expect(v3.header.pvno).toBe(PVNO_CMP2021);
        expect(v3.body.certConf![0].hashAlg!.algorithm).toBe('2.16.840.1.101.3.4.2.3');
        expect(certHashMatches(certificate, v3.body.certConf![0])).toBe(true);
      }
      expect(buildCertConf({ header: { ...header(), pvno: PVNO_CMP2021 }, certificate, certReqId: 0, explicitHashAlgForEdDsa: false }).body.certConf![0].hashAlg).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('carries a rejection with failInfo and reason', () => {
    const message = buildCertConf({ header: header(), certificate: enrolled, certReqId: 0, rejection: { failInfo: ['badCertTemplate'], reason: 'wrong key' } });
    const info = decodePkiMessage(encodePkiMessage(message)).body.certConf![0].statusInfo!;
    expect(info.status).toBe(PKIStatus.rejection);
    expect(info.failInfo!.names()).toEqual(['badCertTemplate']);
    expect([...info.statusString!]).toEqual(['wrong key']);
  });
});

describe('pollReq, error and header details', () => {
  it('echoes recipNonce and carries the certReqId', () => {
    const recipNonce = randomOctets();
    const message = decodePkiMessage(encodePkiMessage(buildPollReq(header({ recipNonce }), 0)));
    expect(Buffer.from(message.header.recipNonce!).equals(Buffer.from(recipNonce))).toBe(true);
    expect(message.body.pollReq![0].certReqId).toBe(0);
    expect(message.header.messageTime!.getUTCMilliseconds()).toBe(0);
  });

  it('builds an error with failInfo names and text', () => {
    const message = decodePkiMessage(encodePkiMessage(buildError(header(), { failInfo: ['badRecipientNonce'], text: 'nonce mismatch' })));
    expect(message.body.error!.pKIStatusInfo.failInfo!.names()).toEqual(['badRecipientNonce']);
    expect([...message.body.error!.errorDetails!]).toEqual(['nonce mismatch']);
  });

  it('accepts an empty subject with SANs only (NULL-DN) and marks SAN critical', async () => {
    const keys = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const message = buildCertificateRequest('cr', {
      header: header(),
      wish: { subject: new Name(), publicKey: keys.publicKey, sans: { dns: ['only.example'], ip: [], uri: [], email: [] } },
      privateKey: keys.privateKey,
    });
    const template = decodePkiMessage(encodePkiMessage(message)).body.cr![0].certReq.certTemplate;
    expect(template.extensions![0].critical).toBe(true);
    expect(Buffer.from(encodeDer(template.publicKey!)).equals(Buffer.from(publicKeyDer(keys.publicKey)))).toBe(true);
  });
});
