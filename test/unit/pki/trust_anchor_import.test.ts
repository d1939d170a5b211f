import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportPkcs7,
  exportPkcs7Pem,
  importTrustAnchors,
  issueCertificate,
  parseOpensslName,
  parsePkcs7Certificates,
  Pkcs7FormatError,
  toPem,
  TrustAnchorError,
} from '../../../src-main/pki';
import { buildTestChain, DAY, NOW, type TestChain } from './chain_fixtures';
import { opensslDir } from './openssl';

const openssl = opensslDir();
afterAll(() => openssl.remove());

let chain: TestChain;
beforeAll(async () => {
  chain = await buildTestChain();
});
const at = NOW;

describe('importTrustAnchors', () => {
  it('imports one PEM, a PEM bundle and DER, with subject and SHA-256 fingerprint', () => {
    const [root] = importTrustAnchors(toPem(chain.root.der, 'CERTIFICATE'), { at });
    expect(root).toMatchObject({ subject: 'CN=Lab Root,O=Lab,C=DE', selfSigned: true, sha256Fingerprint: chain.root.sha256Fingerprint });
    const bundle = importTrustAnchors(toPem(chain.root.der, 'CERTIFICATE') + toPem(chain.issuing.der, 'CERTIFICATE') + toPem(chain.root.der, 'CERTIFICATE'), { at });
    expect(bundle.map((a) => [a.subject, a.selfSigned])).toEqual([
      ['CN=Lab Root,O=Lab,C=DE', true],
      ['CN=Lab Issuing CA,O=Lab,C=DE', false],
    ]);
    expect(importTrustAnchors(chain.issuing.der, { at })[0].subject).toBe('CN=Lab Issuing CA,O=Lab,C=DE');
  });

  it('reads a .p7b that openssl crl2pkcs7 wrote (PEM and DER) and openssl reads ours', () => {
    openssl.write('root.pem', toPem(chain.root.der, 'CERTIFICATE'));
    openssl.write('issuing.pem', toPem(chain.issuing.der, 'CERTIFICATE'));
    openssl.run(['crl2pkcs7', '-nocrl', '-certfile', 'root.pem', '-certfile', 'issuing.pem', '-out', 'bundle.p7b']);
    openssl.run(['crl2pkcs7', '-nocrl', '-certfile', 'root.pem', '-certfile', 'issuing.pem', '-outform', 'DER', '-out', 'bundle.p7c']);
    expect(importTrustAnchors(openssl.readText('bundle.p7b'), { at }).map((a) => a.subject)).toEqual([chain.root.subject, chain.issuing.subject]);
    expect(importTrustAnchors(new Uint8Array(openssl.read('bundle.p7c')), { at })).toHaveLength(2);

    openssl.write('ours.p7b', exportPkcs7Pem([chain.root, chain.issuing]));
    const printed = openssl.run(['pkcs7', '-in', 'ours.p7b', '-print_certs', '-noout']);
    expect(printed).toMatch(/subject=C ?= ?DE, O ?= ?Lab, CN ?= ?Lab Root/);
    expect(printed).toMatch(/subject=C ?= ?DE, O ?= ?Lab, CN ?= ?Lab Issuing CA/);
    const roundTrip = parsePkcs7Certificates(exportPkcs7([chain.root, chain.issuing]));
    expect(roundTrip.map((c) => c.sha256Fingerprint)).toEqual([chain.root.sha256Fingerprint, chain.issuing.sha256Fingerprint]);
  });

  it('refuses a leaf, an expired CA and a root with a broken self-signature, naming the certificate', () => {
    expect(() => importTrustAnchors(chain.leaf.der, { at })).toThrow(/"CN=sip\.lab\.example,O=Lab" .* not a CA certificate/);
    expect(() => importTrustAnchors(chain.root.der, { at: new Date(chain.root.notAfter.getTime() + DAY) })).toThrow(/expired at/);
    expect(() => importTrustAnchors(chain.root.der, { at: new Date(chain.root.notBefore.getTime() - DAY) })).toThrow(/not valid before/);
    const broken = new Uint8Array(chain.root.der);
    broken[broken.length - 1] ^= 0x01; // last byte of the ECDSA signature's s value
    expect(() => importTrustAnchors(broken, { at })).toThrow(/"CN=Lab Root,O=Lab,C=DE" .* self-signature does not verify/);
  });

  it('refuses a self-signed CA whose signature was made by another key', async () => {
    const other = await buildTestChain();
    const fake = issueCertificate({
      signer: { certificate: chain.root, privateKey: chain.rootKey.privateKey },
      subject: parseOpensslName('/C=DE/O=Lab/CN=Lab Root'),
      subjectPublicKey: other.rootKey.publicKey,
      notBefore: new Date(NOW.getTime() - DAY),
      notAfter: new Date(NOW.getTime() + DAY),
      basicConstraints: { ca: true },
    });
    expect(() => importTrustAnchors(fake.der, { at })).toThrow(/self-signature does not verify/);
  });

  it.each([
    ['empty text', ''],
    ['text without certificates', 'hello'],
    ['PEM without certificates', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'],
    ['garbage DER', new Uint8Array([0x30, 0x01, 0x00])],
    ['broken PKCS7 PEM', '-----BEGIN PKCS7-----\nMAMCAQA=\n-----END PKCS7-----\n'],
    ['too large', 'x'.repeat(5 * 1024 * 1024)],
  ])('turns %s into a TrustAnchorError', (_name, input) => {
    expect(() => importTrustAnchors(input, { at })).toThrow(TrustAnchorError);
  });

  it('reports a PKCS#7 that is not SignedData', () => {
    const data = new Uint8Array(Buffer.from('300f06092a864886f70d010701a0020400', 'hex'));
    expect(() => parsePkcs7Certificates(data)).toThrow(Pkcs7FormatError);
  });
});
