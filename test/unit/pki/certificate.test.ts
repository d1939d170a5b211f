import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  CertificateFormatError,
  describeKey,
  digestOfSignatureAlgorithm,
  importPrivateKey,
  isSelfIssued,
  parseCertificate,
  parsePemBundle,
  sameSubjectPublicKey,
  toPem,
  verifyCertificateSignature,
} from '../../../src-main/pki';
import { opensslDir } from './openssl';

const openssl = opensslDir();
afterAll(() => openssl.remove());

beforeAll(() => {
  openssl.run([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-noenc', '-keyout', 'root.key', '-out', 'root.pem',
    '-days', '30', '-subj', '/C=DE/O=Example AG/CN=Example Root', '-sha384',
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:1', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl.run([
    'req', '-new', '-newkey', 'ed25519', '-noenc', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/O=Example AG/CN=sip.example',
  ]);
  openssl.write('leaf.ext', [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth,clientAuth',
    'subjectAltName=DNS:sip.example,IP:10.0.0.1,IP:2001:db8::5,URI:sip:ops@example.com,email:ops@example.com',
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid',
  ].join('\n'));
  openssl.run([
    'x509', '-req', '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '0x00ABCDEF0123', '-days', '10', '-sha384',
    '-extfile', 'leaf.ext', '-out', 'leaf.pem',
  ]);
  openssl.run(['x509', '-in', 'leaf.pem', '-outform', 'DER', '-out', 'leaf.der']);
});

describe('parseCertificate', () => {
  it('reads an openssl-issued leaf certificate', () => {
    const leaf = parseCertificate(openssl.readText('leaf.pem'));
    expect(leaf.subject).toBe('CN=sip.example,O=Example AG');
    expect(leaf.issuer).toBe('CN=Example Root,O=Example AG,C=DE');
    expect(leaf.serialHex).toBe(openssl.run(['x509', '-in', 'leaf.pem', '-noout', '-serial']).trim().replace('serial=', ''));
    expect(leaf.serialHex).toBe('ABCDEF0123');
    expect(leaf.notAfter.getTime() - leaf.notBefore.getTime()).toBe(10 * 86_400_000);
    expect(describeKey(leaf.publicKey).label).toBe('Ed25519');
    expect(sameSubjectPublicKey(leaf.publicKey, importPrivateKey(openssl.readText('leaf.key')).publicKey)).toBe(true);
    expect(leaf.basicConstraints).toEqual({ ca: false, pathLength: undefined });
    expect(leaf.keyUsage).toEqual(['digitalSignature']);
    expect(leaf.extKeyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(leaf.sans).toEqual({
      dns: ['sip.example'],
      ip: ['10.0.0.1', '2001:db8::5'],
      uri: ['sip:ops@example.com'],
      email: ['ops@example.com'],
    });
    const fingerprint = openssl.run(['x509', '-in', 'leaf.pem', '-noout', '-fingerprint', '-sha256']).trim().split('=')[1];
    expect(leaf.sha256Fingerprint).toBe(fingerprint);
    expect(digestOfSignatureAlgorithm(leaf.signatureAlgorithm)).toBe('sha384');
    expect(isSelfIssued(leaf)).toBe(false);
  });

  it('reads the same certificate from DER, with identity of bytes and key identifiers linking leaf to root', () => {
    const fromDer = parseCertificate(new Uint8Array(openssl.read('leaf.der')));
    const fromPem = parseCertificate(openssl.readText('leaf.pem'));
    expect(Buffer.from(fromDer.der).equals(Buffer.from(fromPem.der))).toBe(true);
    const root = parseCertificate(openssl.readText('root.pem'));
    expect(root.basicConstraints).toEqual({ ca: true, pathLength: 1 });
    expect(root.keyUsage).toEqual(['keyCertSign', 'crlSign']);
    expect(Buffer.from(fromDer.authorityKeyIdentifier!).equals(Buffer.from(root.subjectKeyIdentifier!))).toBe(true);
    expect(fromDer.subjectKeyIdentifier).toBeDefined();
    expect(isSelfIssued(root)).toBe(true);
    expect(fromDer.sha256Fingerprint.replaceAll(':', '').toLowerCase()).toBe(createHash('sha256').update(fromDer.der).digest('hex'));
  });

  it('verifies certificate signatures against the right issuer key only', () => {
    const root = parseCertificate(openssl.readText('root.pem'));
    const leaf = parseCertificate(openssl.readText('leaf.pem'));
    expect(verifyCertificateSignature(leaf, root.publicKey)).toBe(true);
    expect(verifyCertificateSignature(root, root.publicKey)).toBe(true);
    expect(verifyCertificateSignature(leaf, leaf.publicKey)).toBe(false);
    const tampered = new Uint8Array(leaf.der);
    const at = Buffer.from(tampered).indexOf(Buffer.from('sip.example'));
    tampered[at] = 'S'.charCodeAt(0);
    expect(verifyCertificateSignature(parseCertificate(tampered), root.publicKey)).toBe(false);
  });

  it('toPem + parsePemBundle returns every CERTIFICATE block and skips other blocks', () => {
    const text = openssl.readText('leaf.key') + openssl.readText('leaf.pem') + toPem(new Uint8Array(openssl.read('leaf.der')), 'CERTIFICATE') + openssl.readText('root.pem');
    const certificates = parsePemBundle(text);
    expect(certificates.map((c) => c.subject)).toEqual(['CN=sip.example,O=Example AG', 'CN=sip.example,O=Example AG', 'CN=Example Root,O=Example AG,C=DE']);
    expect(() => parseCertificate(text)).toThrow(/Expected one certificate in the PEM text, found 3/);
  });

  it.each([
    ['empty bytes', new Uint8Array(0), /not a DER certificate/],
    ['a DER INTEGER', new Uint8Array([0x02, 0x01, 0x05]), /not a DER certificate/],
    ['a SEQUENCE that is not a certificate', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]), /not an X.509 certificate/],
    ['trailing bytes', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05, 0x00]), /not one complete SEQUENCE/],
    ['more than 64 KiB', new Uint8Array(65 * 1024), /at most 65536/],
    ['text that is not PEM', 'hello', /not PEM/],
    ['broken base64', '-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n', /Certificate 1 in the PEM text: the block is not valid base64/],
    ['mismatched END', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n', /closed by END X509 CRL/],
    ['a PEM with no certificate', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', /found 0/],
  ])('rejects %s with CertificateFormatError', (_name, input, message) => {
    expect(() => parseCertificate(input)).toThrow(CertificateFormatError);
    expect(() => parseCertificate(input)).toThrow(message);
  });

  it('rejects a truncated certificate with CertificateFormatError', () => {
    const der = new Uint8Array(openssl.read('leaf.der'));
    for (const length of [1, 4, 50, der.length - 1]) {
      expect(() => parseCertificate(der.subarray(0, length))).toThrow(CertificateFormatError);
    }
  });
});
