import net from 'node:net';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePrivateKey } from '../../src-main/app/cli/cmp/output_files';
import { freePort } from '../support/ports';
import { createTestPki, type TestPki } from '../support/test_pki';
import { startTlsTerminator, type TlsTerminator } from '../support/tls_terminator';
import { EE_SUBJECT, irArgs, pbmArgs, REF, SECRET } from './helpers/cmp_cli_args';
import { runCmpChild, runCmpInProcess, type CmpCliRun } from './helpers/cmp_cli_runner';
import { startMockCmpEndpoint, type MockCmpEndpoint } from './helpers/mock_cmp_endpoint';

let pki: TestPki;
let otherPki: TestPki;
let pbm: MockCmpEndpoint;
let rejecting: MockCmpEndpoint;
let erroring: MockCmpEndpoint;
let unprotectedErrors: MockCmpEndpoint;
let signed: MockCmpEndpoint;
let wrongHostFront: TlsTerminator;
let silent: net.Server;
let silentPort: number;
const silentSockets = new Set<net.Socket>();

beforeAll(async () => {
  [pki, otherPki] = await Promise.all([createTestPki({ intermediate: true, name: 'cli failures' }), createTestPki({ name: 'other' })]);
  const shared = { srvRef: REF, srvSecret: SECRET, rspCert: pki.endEntity.cert, rspCaPubs: pki.trustedCa, rspExtraCerts: pki.intermediate!.cert };
  [pbm, rejecting, erroring, unprotectedErrors, signed] = await Promise.all([
    startMockCmpEndpoint(pki, shared),
    startMockCmpEndpoint(pki, { ...shared, pkiStatus: 2, failure: 9, statusString: 'proof of possession does not verify' }),
    startMockCmpEndpoint(pki, { ...shared, sendError: true }),
    startMockCmpEndpoint(pki, { ...shared, pkiStatus: 2, failure: 2, sendUnprotErr: true }),
    startMockCmpEndpoint(pki, { srvCert: pki.cmpSigner.cert, srvKey: pki.cmpSigner.key, srvTrusted: pki.trustedCa, srvUntrusted: pki.caBundle, rspCert: pki.endEntity.cert }),
  ]);
  wrongHostFront = await startTlsTerminator({ backendPort: pbm.server.port, certChain: pki.wrongHost.chain, key: pki.wrongHost.key });
  // Accepts connections and never answers: the message timeout must end the run.
  silent = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.once('close', () => silentSockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await wrongHostFront?.stop();
  await Promise.all([pbm, rejecting, erroring, unprotectedErrors, signed].map((endpoint) => endpoint?.stop()));
  // close() waits for open connections, and this server never ends one by itself.
  for (const socket of silentSockets) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  await Promise.all([pki?.cleanup(), otherPki?.cleanup()]);
});

/** Exit 1 and exactly one line on stderr, which names the problem; the secret appears nowhere. */
function expectOneLineFailure(result: CmpCliRun, pattern: RegExp): string {
  expect(result.exitCode, result.stderr.join('\n')).toBe(1);
  const errors = result.stderr.filter((line) => line.startsWith('cmp-desk'));
  expect(errors, result.stderr.join('\n')).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect([...result.stdout, ...result.stderr].join('\n')).not.toContain(SECRET);
  return errors[0];
}

describe('cmp-desk cmp refuses what it must refuse (openssl cmp -port as the peer)', () => {
  it('surfaces the failInfo name of a rejection (-pkistatus 2 -failure 9)', async () => {
    const line = expectOneLineFailure(await runCmpInProcess(irArgs(pki, rejecting.httpUrl)), /rejected/);
    expect(line).toContain('badPOP');
    expect(line).toContain('proof of possession does not verify');
  });

  it('reports an error message from the server (-send_error)', async () => {
    expectOneLineFailure(await runCmpInProcess(irArgs(pki, erroring.httpsUrl)), /the server reported an error.*failInfo badRequest/);
  });

  it('refuses an unprotected negative answer unless --unprotected-errors, then shows the rejection', async () => {
    expectOneLineFailure(await runCmpInProcess(irArgs(pki, unprotectedErrors.httpUrl)), /not protected/);
    const line = expectOneLineFailure(await runCmpInProcess(irArgs(pki, unprotectedErrors.httpUrl, ['--unprotected-errors'])), /rejected/);
    expect(line).toContain('badRequest');
  });

  it('sends from --source-address; one this computer does not have is named in the one failure line, a host name is a usage error', async () => {
    const ok = await runCmpInProcess(irArgs(pki, pbm.httpUrl, ['--source-address', '127.0.0.2']));
    expect(ok.exitCode, ok.stderr.join('\n')).toBe(0);
    const line = expectOneLineFailure(await runCmpInProcess(irArgs(pki, pbm.httpUrl, ['--source-address', '192.0.2.1'])), /the source address 192\.0\.2\.1 is not assigned to this computer/);
    expect(line).toContain(pbm.httpUrl);
    const usage = await runCmpInProcess(irArgs(pki, pbm.httpUrl, ['--source-address', 'localhost']));
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr.join('\n')).toContain('--source-address must be an IPv4 or IPv6 address of this computer');
  });

  it('fails on a wrong secret without printing either secret', async () => {
    const args = irArgs(pki, pbm.httpUrl).map((arg) => (arg === `pass:${SECRET}` ? 'pass:wrong-secret-0815' : arg));
    const result = await runCmpInProcess(args);
    expectOneLineFailure(result, /MAC|protection|error/);
    expect([...result.stdout, ...result.stderr].join('\n')).not.toContain('wrong-secret-0815');
  });

  it('refuses a response from another sender than --expect-sender', async () => {
    expectOneLineFailure(await runCmpInProcess(irArgs(pki, pbm.httpUrl, ['--expect-sender', '/CN=the real CA'])), /unexpected sender.*CN=the real CA/);
  });

  it('refuses a signed response whose signer does not chain to --trusted', async () => {
    const args = ['--cmd', 'genm', '--server', signed.httpUrl, '--cert', pki.client.chain, '--key', pki.client.key, '--trusted', otherPki.trustedCa];
    expectOneLineFailure(await runCmpInProcess(args), /not trusted/);
  });

  it('rejects a certificate for another key in certConf and says why', async () => {
    const args = irArgs(pki, pbm.httpUrl, ['--verbose']).map((arg) => (arg === pki.endEntity.key ? 'ec:P-256' : arg));
    const result = await runCmpInProcess(args);
    expectOneLineFailure(result, /rejected the issued certificate.*another key/);
    const certConf = result.stderr.find((line) => line.startsWith('-> certConf'));
    expect(certConf).toContain('status=rejection (badCertTemplate)');
    expect(result.stderr.some((line) => line.startsWith('<- pkiconf'))).toBe(true);
  });

  it('rejects a certificate with another subject than --subject', async () => {
    const args = irArgs(pki, pbm.httpUrl).map((arg) => (arg === EE_SUBJECT ? '/CN=someone else' : arg));
    expectOneLineFailure(await runCmpInProcess(args), /another subject/);
  });

  it('refuses a TLS server certificate from a CA that --tls-trusted does not name', async () => {
    const args = irArgs(pki, pbm.httpsUrl).map((arg) => (arg === pki.trustedCa ? otherPki.trustedCa : arg));
    expectOneLineFailure(await runCmpInProcess(args), /certificate|trust/i);
  });

  it('refuses a TLS server certificate for another host name, unless --tls-host names it', async () => {
    const url = `${wrongHostFront.origin}/.well-known/cmp`;
    expectOneLineFailure(await runCmpInProcess(irArgs(pki, url)), /host|name/i);
    const result = await runCmpInProcess(irArgs(pki, url, ['--tls-host', pki.wrongHostName]));
    expect(result.exitCode, result.stderr.join('\n')).toBe(0);
  });

  it('reports a server that is down', async () => {
    const port = await freePort();
    expectOneLineFailure(await runCmpInProcess(irArgs(pki, `http://127.0.0.1:${port}/`)), /refused/);
  });

  it('gives up after --msg-timeout on a server that never answers', async () => {
    const started = Date.now();
    expectOneLineFailure(await runCmpInProcess(irArgs(pki, `http://127.0.0.1:${silentPort}/`, ['--msg-timeout', '1'])), /timeout/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads the secret from env: and file: sources', async () => {
    const fromEnv = irArgs(pki, pbm.httpUrl).map((arg) => (arg === `pass:${SECRET}` ? 'env:CMP_DESK_INTEROP_SECRET' : arg));
    const result = await runCmpChild(fromEnv, { CMP_DESK_INTEROP_SECRET: SECRET });
    expect(result.exitCode, result.stderr.join('\n')).toBe(0);
    const missing = await runCmpInProcess(fromEnv.map((arg) => (arg === 'env:CMP_DESK_INTEROP_SECRET' ? 'env:CMP_DESK_NOT_SET_4711' : arg)));
    expectOneLineFailure(missing, /CMP_DESK_NOT_SET_4711 is not set/);
  });

  it('writes generated private keys with mode 0600', async () => {
    const file = path.join(pki.dir, 'generated.key');
    await writePrivateKey('--newkeyout', file, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('cmp-desk cmp as a child process', () => {
  it('exits 0 after an enrollment and prints the result on stdout', async () => {
    const result = await runCmpChild(irArgs(pki, pbm.httpsUrl));
    expect(result.exitCode, result.stderr.join('\n')).toBe(0);
    expect(result.stderr).toEqual([]);
    expect(result.stdout[0]).toMatch(/^enrolled "CN=ee\.cmp-desk\.test/);
  });

  it('exits 1 with exactly one stderr line on a rejection', async () => {
    const result = await runCmpChild(irArgs(pki, rejecting.httpUrl));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/^cmp-desk cmp: .*badPOP/);
    expect(result.stdout).toEqual([]);
  });

  it('exits 1 with one line when the server is down, and the exchange with --verbose', async () => {
    const port = await freePort();
    const quiet = await runCmpChild(['--cmd', 'genm', '--server', `http://127.0.0.1:${port}/`, ...pbmArgs()]);
    expect(quiet.exitCode).toBe(1);
    expect(quiet.stderr).toHaveLength(1);
    const verbose = await runCmpChild(['--cmd', 'genm', '--server', `http://127.0.0.1:${port}/`, ...pbmArgs(), '--verbose']);
    expect(verbose.stderr[0]).toMatch(/^-> genm +transactionID=[0-9a-f]{32}$/);
    expect(verbose.stderr.at(-1)).toMatch(/^cmp-desk cmp: .*refused/);
  });

  it('exits 2 with the usage hint on a command line written wrongly', async () => {
    const result = await runCmpChild(['--cmd', 'ir', '--server', pbm.httpUrl, ...pbmArgs()]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr[0]).toContain('--cmd ir needs --newkey');
  });
});
