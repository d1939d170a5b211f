import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CmpTransactionError, EnrollmentTransaction, type CmpSession, type EnrollmentRequest } from '../../../src-main/cmp/transactions';
import { HttpTransport } from '../../../src-main/cmp/transport';
import { parseCertificate, parseOpensslName } from '../../../src-main/pki';
import { startOpensslCmpServer, type OpensslCmpServer } from '../../support/openssl_cmp_server';

/**
 * certConf for an Ed25519-signed certificate against OpenSSL 3.0's `openssl cmp -port` mock
 * server, which checks the certHash (X509_digest_sig: SHA-512 for Ed25519). Which form it takes
 * decides our default (see CertHashOptions.explicitHashAlgForEdDsa).
 */
const secret = 'ed25519-certconf-secret';
let dir: string;
let server: OpensslCmpServer | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmp-ed25519-openssl-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('genpkey', '-algorithm', 'ed25519', '-out', 'root.key');
  run('req', '-x509', '-new', '-key', 'root.key', '-subj', '/CN=Ed25519 Root', '-days', '2', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign', '-out', 'root.crt');
  run('genpkey', '-algorithm', 'ed25519', '-out', 'ee.key');
  run('req', '-new', '-key', 'ee.key', '-subj', '/CN=ed25519-ee', '-out', 'ee.csr');
  run('x509', '-req', '-in', 'ee.csr', '-CA', 'root.crt', '-CAkey', 'root.key', '-CAcreateserial', '-days', '1', '-out', 'ee.crt');
});

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function enroll(explicitHashAlgForEdDsa?: boolean) {
  server = await startOpensslCmpServer({ srvRef: 'ed-ref', srvSecret: secret, rspCert: join(dir, 'ee.crt'), verbosity: 3 });
  const key = createPrivateKey(readFileSync(join(dir, 'ee.key')));
  const shared = new Uint8Array(Buffer.from(secret));
  const session: CmpSession = {
    transport: new HttpTransport({ url: server.url, messageTimeoutMs: 10_000 }),
    protector: { kind: 'password-based-mac', reference: new Uint8Array(Buffer.from('ed-ref')), secret: shared },
    trust: { secret: shared },
    sender: parseOpensslName('/CN=ed25519-ee'),
    recipient: parseOpensslName('/CN=mock'),
  };
  const request: EnrollmentRequest = {
    type: 'ir',
    wish: { subject: parseOpensslName('/CN=ed25519-ee'), publicKey: createPublicKey(key) },
    privateKey: key,
    trustAnchors: [parseCertificate(readFileSync(join(dir, 'root.crt'), 'utf8'))],
    certHash: explicitHashAlgForEdDsa === undefined ? undefined : { explicitHashAlgForEdDsa },
  };
  return new EnrollmentTransaction(session, request).run();
}

describe('Ed25519 certConf against openssl cmp (OpenSSL 3.0)', () => {
  it('the default (pvno 2, SHA-512 certHash, no hashAlg) is confirmed', async () => {
    const result = await enroll();
    expect(result.snapshot.state).toBe('confirmed');
    expect(result.certificate.subject).toBe('CN=ed25519-ee');
  });

  it('the pvno 3 form with hashAlg cannot even be parsed by OpenSSL 3.0, so it is opt-in only', async () => {
    const error = await enroll(true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CmpTransactionError);
    expect((error as CmpTransactionError).failedIn).toBe('confirming');
    expect((error as CmpTransactionError).message).toContain('HTTP 400');
    expect(server!.output()).toContain('Error parsing DER-encoded request content');
  });
});
