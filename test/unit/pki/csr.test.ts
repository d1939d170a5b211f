import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCsr,
  CsrFormatError,
  csrToPem,
  generateKeyPair,
  nameFromParts,
  parseCsr,
  sameSubjectPublicKey,
  type KeySpec,
} from '../../../src-main/pki';
import { opensslDir } from './openssl';

const openssl = opensslDir();
afterAll(() => openssl.remove());

describe('CSR', () => {
  const specs: KeySpec[] = [{ kind: 'rsa', bits: 2048 }, { kind: 'ec', curve: 'P-384' }, { kind: 'ed25519' }];
  it.each(specs)('builds a %j CSR that openssl req -verify accepts and parseCsr reads back', async (spec) => {
    const keyPair = await generateKeyPair(spec);
    const der = buildCsr({
      subject: nameFromParts({ C: 'DE', O: 'Example', CN: 'sip.example' }),
      keyPair,
      sans: { dns: ['sip.example'], ip: ['10.1.2.3'], uri: [], email: ['ops@example.com'] },
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: ['serverAuth', 'clientAuth'],
    });
    const file = `${spec.kind}.csr`;
    openssl.write(file, csrToPem(der));
    expect(openssl.runStatus(['req', '-verify', '-in', file, '-noout'])).toEqual({ status: 0, output: expect.stringMatching(/verify OK/) });
    const text = openssl.run(['req', '-in', file, '-noout', '-text', '-verify']);
    expect(text).toMatch(/Subject: C ?= ?DE, O ?= ?Example, CN ?= ?sip\.example/);
    expect(text).toMatch(/DNS:sip\.example, IP Address:10\.1\.2\.3, email:ops@example\.com/);
    expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);

    const parsed = parseCsr(openssl.readText(file));
    expect(parsed.subject).toBe('CN=sip.example,O=Example,C=DE');
    expect(sameSubjectPublicKey(parsed.publicKey, keyPair.publicKey)).toBe(true);
    expect(parsed.sans).toEqual({ dns: ['sip.example'], ip: ['10.1.2.3'], uri: [], email: ['ops@example.com'] });
    expect(parsed.keyUsage).toEqual(['digitalSignature']);
    expect(parsed.extKeyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(parsed.extensions).toHaveLength(3);
  });

  it('openssl req -verify rejects our CSR once tampered, and so do we', async () => {
    const keyPair = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const der = buildCsr({ subject: nameFromParts({ CN: 'tamper' }), keyPair });
    expect(parseCsr(der).extensions).toEqual([]);
    const tampered = new Uint8Array(der);
    const at = Buffer.from(tampered).indexOf(Buffer.from('tamper'));
    tampered[at] = 'T'.charCodeAt(0);
    openssl.write('tampered.csr', csrToPem(tampered));
    expect(openssl.runStatus(['req', '-verify', '-in', 'tampered.csr', '-noout']).output).toMatch(/verify failure/);
    expect(() => parseCsr(tampered)).toThrow(/signature does not verify/);
  });

  it('reads CSRs written by openssl', () => {
    openssl.run([
      'req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521', '-noenc', '-keyout', 'o.key', '-out', 'o.csr',
      '-subj', '/O=Other/CN=other.example', '-addext', 'subjectAltName=DNS:other.example,URI:https://other.example/',
    ]);
    const parsed = parseCsr(openssl.readText('o.csr'));
    expect(parsed.subject).toBe('CN=other.example,O=Other');
    expect(parsed.sans.uri).toEqual(['https://other.example/']);
    openssl.run(['req', '-in', 'o.csr', '-outform', 'DER', '-out', 'o.der']);
    expect(parseCsr(new Uint8Array(openssl.read('o.der'))).subject).toBe('CN=other.example,O=Other');
  });

  it.each([
    ['garbage DER', new Uint8Array([1, 2, 3])],
    ['a SEQUENCE that is no CSR', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])],
    ['text without PEM', 'not a csr'],
    ['two CSR blocks', '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n'.repeat(2)],
    ['too large', new Uint8Array(200_000)],
  ])('rejects %s with CsrFormatError', (_name, input) => {
    expect(() => parseCsr(input)).toThrow(CsrFormatError);
  });
});
