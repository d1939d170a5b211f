import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateBuildError,
  CertificateIssuer,
  generateKeyPair,
  nameToDer,
  parseCertificateDer,
  publicKeyDer,
  issueCertificate,
  keyIdentifier,
  parseOpensslName,
  randomSerialNumber,
  toPem,
} from '../../../src-main/pki';
import { buildTestChain, DAY, type TestChain } from './chain_fixtures';
import { opensslDir } from './openssl';

const openssl = opensslDir();
afterAll(() => openssl.remove());

let chain: TestChain;
beforeAll(async () => {
  // openssl verifies at the real current time: issue the chain around now.
  const now = Date.now();
  chain = await buildTestChain();
  const rootKey = chain.rootKey;
  const root = issueCertificate({
    signer: { selfSigned: true, privateKey: rootKey.privateKey },
    subject: chain.root.subjectName,
    subjectPublicKey: rootKey.publicKey,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    basicConstraints: { ca: true, pathLength: 1 },
    keyUsage: ['keyCertSign', 'crlSign'],
  });
  const issuing = issueCertificate({
    signer: { certificate: root, privateKey: rootKey.privateKey },
    subject: chain.issuing.subjectName,
    subjectPublicKey: chain.issuingKey.publicKey,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 1000 * DAY),
    basicConstraints: { ca: true, pathLength: 0 },
    keyUsage: ['keyCertSign', 'crlSign'],
    crlDistributionPoints: ['http://crl.lab.example/issuing.crl'],
  });
  const leaf = issueCertificate({
    signer: { certificate: issuing, privateKey: chain.issuingKey.privateKey },
    subject: chain.leaf.subjectName,
    subjectPublicKey: chain.leafKey.publicKey,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 90 * DAY),
    basicConstraints: { ca: false },
    keyUsage: ['digitalSignature', 'keyAgreement'],
    extendedKeyUsage: ['serverAuth', 'clientAuth', 'sipDomain'],
    sans: chain.leaf.sans,
    signature: { rsaScheme: 'pss' },
  });
  chain = { ...chain, root, issuing, leaf };
  openssl.write('root.pem', toPem(root.der, 'CERTIFICATE'));
  openssl.write('issuing.pem', toPem(issuing.der, 'CERTIFICATE'));
  openssl.write('leaf.pem', toPem(leaf.der, 'CERTIFICATE'));
});

describe('issueCertificate', () => {
  it('builds a root -> issuing (RSA-PSS signed leaf) -> leaf chain that openssl verify accepts', () => {
    expect(openssl.run(['verify', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'leaf.pem'])).toContain('leaf.pem: OK');
    expect(openssl.run(['verify', '-CAfile', 'root.pem', 'issuing.pem'])).toContain('issuing.pem: OK');
  });

  it('openssl x509 -text shows the extensions we wrote', () => {
    const leafText = openssl.run(['x509', '-in', 'leaf.pem', '-noout', '-text']);
    expect(leafText).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(leafText).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Agreement/);
    expect(leafText).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication, TLS Web Client Authentication, (SIP Domain|1\.3\.6\.1\.5\.5\.7\.3\.20)/);
    expect(leafText).toMatch(/DNS:sip\.lab\.example, IP Address:192\.0\.2\.7, URI:sip:lab\.example/);
    expect(leafText).toContain('X509v3 Subject Key Identifier');
    expect(leafText).toContain('Version: 3 (0x2)');
    expect(leafText).toContain('Signature Algorithm: rsassaPss');
    const issuingText = openssl.run(['x509', '-in', 'issuing.pem', '-noout', '-text']);
    expect(issuingText).toMatch(/CA:TRUE, pathlen:0/);
    expect(issuingText).toMatch(/Certificate Sign, CRL Sign/);
    expect(issuingText).toMatch(/CRL Distribution Points:\s+Full Name:\s+URI:http:\/\/crl\.lab\.example\/issuing\.crl/);
  });

  it('writes SKID per RFC 5280 method 1 and AKID = issuer SKID', () => {
    const { root, issuing, leaf } = chain;
    const spkiBits = openssl.run(['x509', '-in', 'issuing.pem', '-noout', '-ext', 'subjectKeyIdentifier']);
    const hex = Buffer.from(issuing.subjectKeyIdentifier!).toString('hex').toUpperCase().match(/../g)!.join(':');
    expect(spkiBits).toContain(hex);
    expect(issuing.subjectKeyIdentifier).toEqual(keyIdentifier(issuing.publicKey));
    expect(leaf.authorityKeyIdentifier).toEqual(issuing.subjectKeyIdentifier);
    expect(issuing.authorityKeyIdentifier).toEqual(root.subjectKeyIdentifier);
    expect(root.authorityKeyIdentifier).toEqual(root.subjectKeyIdentifier);
    expect(issuing.subjectKeyIdentifier).toHaveLength(20);
  });

  it('uses positive random 16-byte serials that do not repeat, and caller serials as given', async () => {
    const serials = new Set(Array.from({ length: 200 }, () => Buffer.from(randomSerialNumber()).toString('hex')));
    expect(serials.size).toBe(200);
    for (const serial of serials) expect(parseInt(serial.slice(0, 2), 16)).toBeLessThan(0x80);
    const key = await generateKeyPair({ kind: 'ed25519' });
    const base = {
      signer: { selfSigned: true as const, privateKey: key.privateKey },
      subject: parseOpensslName('/CN=serial test'),
      subjectPublicKey: key.publicKey,
      notBefore: new Date('2030-01-01T00:00:00.750Z'),
      notAfter: new Date('2060-01-01T00:00:00Z'),
    };
    const withHighBit = issueCertificate({ ...base, serialNumber: Uint8Array.of(0x00, 0x00, 0xff, 0x01) });
    expect(withHighBit.serialHex).toBe('FF01');
    expect(withHighBit.notBefore.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(withHighBit.notAfter.toISOString()).toBe('2060-01-01T00:00:00.000Z');
    openssl.write('serial.pem', toPem(withHighBit.der, 'CERTIFICATE'));
    expect(openssl.run(['x509', '-in', 'serial.pem', '-noout', '-serial']).trim()).toBe('serial=FF01');
    expect(openssl.run(['x509', '-in', 'serial.pem', '-noout', '-enddate']).trim()).toBe('notAfter=Jan  1 00:00:00 2060 GMT');
    expect(() => issueCertificate({ ...base, serialNumber: Uint8Array.of(0, 0) })).toThrow(/positive/);
    expect(() => issueCertificate({ ...base, serialNumber: new Uint8Array(21).fill(1) })).toThrow(/at most 20/);
  });

  it('refuses inconsistent inputs with CertificateBuildError', async () => {
    const other = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const base = {
      subject: parseOpensslName('/CN=x'),
      subjectPublicKey: chain.leafKey.publicKey,
      notBefore: new Date('2030-01-01T00:00:00Z'),
      notAfter: new Date('2031-01-01T00:00:00Z'),
    };
    expect(() => issueCertificate({ ...base, signer: { certificate: chain.issuing, privateKey: other.privateKey } })).toThrow(
      /issuer key does not belong/,
    );
    expect(() => issueCertificate({ ...base, signer: { selfSigned: true, privateKey: other.privateKey } })).toThrow(CertificateBuildError);
    expect(() =>
      issueCertificate({ ...base, signer: { selfSigned: true, privateKey: chain.leafKey.privateKey }, notAfter: base.notBefore }),
    ).toThrow(/must be later/);
    expect(() =>
      issueCertificate({ ...base, signer: { selfSigned: true, privateKey: chain.leafKey.privateKey }, basicConstraints: { ca: false, pathLength: 0 } }),
    ).toThrow(CertificateBuildError);
    expect(() =>
      issueCertificate({ ...base, signer: { selfSigned: true, privateKey: chain.leafKey.privateKey }, extendedKeyUsage: ['nonsense'] }),
    ).toThrow(/Unknown extended key usage/);
  });
});

describe('CertificateIssuer', () => {
  it('signs certificates that carry the given SubjectPublicKeyInfo bytes, its SKID, the issuer name and the serial it reports', async () => {
    const issuer = CertificateIssuer.forCertificate(chain.issuing, chain.issuingKey.privateKey);
    const subjects = await Promise.all([generateKeyPair({ kind: 'ec', curve: 'P-256' }), generateKeyPair({ kind: 'ec', curve: 'P-384' })]);
    for (const [index, key] of subjects.entries()) {
      const spki = publicKeyDer(key.publicKey);
      const signed = issuer.sign(
        {
          subject: parseOpensslName(`/CN=issued ${index}`),
          serialNumber: Uint8Array.of(0x80 + index, 0x01),
          notBefore: new Date('2030-01-01T00:00:00.900Z'),
          notAfter: new Date('2030-04-01T00:00:00Z'),
          basicConstraints: { ca: false },
          crlDistributionPoints: ['http://127.0.0.1:8080/crl/issuing-ca.crl'],
        },
        spki,
      );
      const parsed = parseCertificateDer(signed.der);
      expect(Buffer.from(publicKeyDer(parsed.publicKey))).toEqual(Buffer.from(spki));
      expect(parsed.subjectKeyIdentifier).toEqual(keyIdentifier(key.publicKey));
      expect(parsed.authorityKeyIdentifier).toEqual(chain.issuing.subjectKeyIdentifier);
      expect(Buffer.from(nameToDer(parsed.issuerName))).toEqual(Buffer.from(nameToDer(chain.issuing.subjectName)));
      expect(parsed.serialHex).toBe(signed.serialHex);
      expect(signed.serialHex).toBe(`${(0x80 + index).toString(16).toUpperCase()}01`);
      expect(parsed.notBefore).toEqual(signed.notBefore);
      expect(signed.notBefore.toISOString()).toBe('2030-01-01T00:00:00.000Z');
      expect(parsed.basicConstraints).toEqual({ ca: false });
      openssl.write(`issued-${index}.pem`, toPem(signed.der, 'CERTIFICATE'));
      expect(openssl.run(['x509', '-in', `issued-${index}.pem`, '-noout', '-ext', 'crlDistributionPoints'])).toContain('URI:http://127.0.0.1:8080/crl/issuing-ca.crl');
      expect(openssl.run(['verify', '-no_check_time', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', `issued-${index}.pem`])).toContain('OK');
    }
  });

  it('refuses a SubjectPublicKeyInfo that is not DER', () => {
    const issuer = CertificateIssuer.forCertificate(chain.issuing, chain.issuingKey.privateKey);
    const content = { subject: parseOpensslName('/CN=x'), notBefore: new Date('2030-01-01T00:00:00Z'), notAfter: new Date('2031-01-01T00:00:00Z') };
    expect(() => issuer.sign(content, Uint8Array.of(0x30, 0x02, 0x05, 0x00))).toThrow(/not a DER SubjectPublicKeyInfo/);
  });
});
