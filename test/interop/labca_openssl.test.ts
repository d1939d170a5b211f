import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabCa } from '../../src-main/labca/lab_ca';
import { runOpensslCmp } from '../support/openssl_cmp_client';

/**
 * The `openssl cmp` client (OpenSSL 3.0, an implementation nobody here wrote) against the lab CA,
 * over plain HTTP and over HTTPS with the lab CA's own TLS certificate.
 */

const reference = 'interop-ref';
const secret = 'interop-secret-1234';
const cmpPath = '/.well-known/cmp';
const pollingPath = '/.well-known/cmp/p/polling';

let work: string;
let labCa: LabCa;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'labca-interop-'));
  labCa = await LabCa.start({
    dir: join(work, 'ca'),
    passphrase: { kind: 'given', passphrase: 'interop-passphrase' },
    https: true,
    paths: [
      { path: cmpPath, sharedSecrets: { [reference]: secret } },
      { path: pollingPath, sharedSecrets: { [reference]: secret }, knobs: { waitingCount: 2, checkAfterSeconds: 1 } },
    ],
  });
});

afterAll(async () => {
  await labCa?.stop();
  rmSync(work, { recursive: true, force: true });
});

let fileCounter = 0;
function file(name: string): string {
  return join(work, `${++fileCounter}-${name}`);
}

function newKey(): string {
  const path = file('key.pem');
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
  return path;
}

function publicKeyOf(args: string[]): string {
  return execFileSync('openssl', args).toString();
}

function serialOf(certificate: string): string {
  return execFileSync('openssl', ['x509', '-in', certificate, '-noout', '-serial']).toString().trim().replace('serial=', '');
}

for (const transport of ['http', 'https'] as const) {
  describe(`openssl cmp -> lab CA over ${transport}`, () => {
    function server(path = cmpPath): string[] {
      const url = new URL(transport === 'http' ? (labCa.httpUrl as string) : (labCa.httpsUrl as string));
      const tls = transport === 'https' ? ['-tls_used', '-tls_trusted', labCa.rootCaPath] : [];
      return ['-server', `${url.hostname}:${url.port}`, '-path', path, ...tls, '-trusted', labCa.rootCaPath, '-out_trusted', labCa.rootCaPath];
    }
    const mac = ['-ref', reference, '-secret', `pass:${secret}`];

    async function enrollWithSecret(subject: string, extra: string[] = [], path = cmpPath) {
      const key = newKey();
      const certificate = file('cert.pem');
      const result = await runOpensslCmp(['-cmd', 'ir', ...server(path), ...mac, '-newkey', key, '-subject', subject, '-certout', certificate, ...extra]);
      return { key, certificate, result };
    }

    it('ir with -ref/-secret (PBM) issues a certificate for -newkey that validates with the lab root', async () => {
      const { key, certificate, result } = await enrollWithSecret('/CN=interop-ir', ['-sans', 'ir.lab.test 127.0.0.1']);
      expect(result.stdout + result.stderr).toContain('received PKICONF');
      expect(result.exitCode).toBe(0);
      expect(publicKeyOf(['x509', '-in', certificate, '-noout', '-pubkey'])).toBe(publicKeyOf(['pkey', '-in', key, '-pubout']));
      const text = execFileSync('openssl', ['x509', '-in', certificate, '-noout', '-text']).toString();
      expect(text).toContain('DNS:ir.lab.test');
      expect(text).toContain(labCa.crlUrl as string);
      expect(labCa.admin.certificates().find((c) => c.serialHex === serialOf(certificate))?.state).toBe('issued');
    });

    it('cr and kur signed with -cert/-key of an issued certificate', async () => {
      const first = await enrollWithSecret('/CN=interop-cr-signer');
      const crKey = newKey();
      const crCert = file('cr.pem');
      const cr = await runOpensslCmp(['-cmd', 'cr', ...server(), '-cert', first.certificate, '-key', first.key, '-newkey', crKey, '-subject', '/CN=interop-cr', '-certout', crCert]);
      expect(cr.exitCode, cr.stdout + cr.stderr).toBe(0);
      expect(cr.stdout + cr.stderr).toContain('received CP');

      const kurKey = newKey();
      const kurCert = file('kur.pem');
      const kur = await runOpensslCmp(['-cmd', 'kur', ...server(), '-cert', crCert, '-key', crKey, '-newkey', kurKey, '-certout', kurCert]);
      expect(kur.exitCode, kur.stdout + kur.stderr).toBe(0);
      expect(kur.stdout + kur.stderr).toContain('received KUP');
      expect(publicKeyOf(['x509', '-in', kurCert, '-noout', '-pubkey'])).toBe(publicKeyOf(['pkey', '-in', kurKey, '-pubout']));
      expect(execFileSync('openssl', ['x509', '-in', kurCert, '-noout', '-subject']).toString()).toContain('CN = interop-cr');
    });

    it('p10cr with -csr', async () => {
      const key = newKey();
      const csr = file('req.csr');
      execFileSync('openssl', ['req', '-new', '-key', key, '-subj', '/CN=interop-p10cr', '-out', csr]);
      const certificate = file('p10.pem');
      const result = await runOpensslCmp(['-cmd', 'p10cr', ...server(), ...mac, '-csr', csr, '-certout', certificate]);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(publicKeyOf(['x509', '-in', certificate, '-noout', '-pubkey'])).toBe(publicKeyOf(['pkey', '-in', key, '-pubout']));
    });

    it('rr with -oldcert and -revreason revokes, and the CRL served over HTTP lists it', async () => {
      const { key, certificate } = await enrollWithSecret('/CN=interop-rr');
      const result = await runOpensslCmp(['-cmd', 'rr', ...server(), '-cert', certificate, '-key', key, '-oldcert', certificate, '-revreason', '1']);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toContain('revocation accepted');
      const crl = Buffer.from(await (await fetch(labCa.crlUrl as string)).arrayBuffer());
      const crlFile = file('crl.der');
      writeFileSync(crlFile, crl);
      const chainFile = file('chain.pem');
      writeFileSync(chainFile, await (await fetch(`${labCa.httpUrl}/ca/chain.pem`)).text());
      // -CAfile makes openssl verify the CRL signature against the issuing CA: "verify OK" on stderr.
      const text = execFileSync('openssl', ['crl', '-inform', 'DER', '-in', crlFile, '-noout', '-text', '-CAfile', chainFile], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
      expect(text).toContain(`Serial Number: ${serialOf(certificate)}`);
      expect(text).toContain('Key Compromise');
    });

    it('kur signed with a revoked certificate is refused', async () => {
      const { key, certificate } = await enrollWithSecret('/CN=interop-revoked');
      labCa.admin.revoke(serialOf(certificate), 1);
      const out = file('never.pem');
      const result = await runOpensslCmp(['-cmd', 'kur', ...server(), '-cert', certificate, '-key', key, '-newkey', newKey(), '-certout', out]);
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('certRevoked');
      expect(existsSync(out)).toBe(false);
    });

    it('genm returns the CA certificates', async () => {
      const result = await runOpensslCmp(['-cmd', 'genm', ...server(), ...mac, '-infotype', 'caCerts']);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toContain('id-it-caCerts');
    });

    it('-implicit_confirm: no certConf, and the certificate counts as issued at once', async () => {
      const { certificate, result } = await enrollWithSecret('/CN=interop-implicit', ['-implicit_confirm']);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.stdout + result.stderr).not.toContain('sending CERTCONF');
      expect(labCa.admin.certificates().find((c) => c.serialHex === serialOf(certificate))?.state).toBe('issued');
    });

    it('waiting: OpenSSL polls until the certificate is delivered', async () => {
      const { key, certificate, result } = await enrollWithSecret('/CN=interop-polling', [], pollingPath);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toContain('received POLLREP');
      expect(publicKeyOf(['x509', '-in', certificate, '-noout', '-pubkey'])).toBe(publicKeyOf(['pkey', '-in', key, '-pubout']));
    });

    it('a wrong secret: OpenSSL reports the lab CA error, no certificate is issued', async () => {
      const before = labCa.admin.certificates().length;
      const key = newKey();
      const out = file('never.pem');
      const result = await runOpensslCmp(['-cmd', 'ir', ...server(), '-ref', reference, '-secret', 'pass:wrong-secret', '-newkey', key, '-subject', '/CN=wrong', '-certout', out]);
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('badMessageCheck');
      expect(existsSync(out)).toBe(false);
      expect(labCa.admin.certificates().length).toBe(before);
    });
  });
}

describe('lab CA folder', () => {
  it('keeps the issuing key encrypted at rest', () => {
    const pem = readFileSync(join(work, 'ca', 'issuing-ca.key.pem'), 'utf8');
    expect(pem).toContain('BEGIN ENCRYPTED PRIVATE KEY');
  });
});
