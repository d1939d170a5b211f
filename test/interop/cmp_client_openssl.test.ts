import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate, parsePemBundle } from '../../src-main/pki';
import { createTestPki, type TestPki } from '../support/test_pki';
import { EE_SANS, EE_SUBJECT, irArgs, pbmArgs, REF, SECRET, serverArgs } from './helpers/cmp_cli_args';
import { runCmpInProcess } from './helpers/cmp_cli_runner';
import { startMockCmpEndpoint, type MockCmpEndpoint } from './helpers/mock_cmp_endpoint';

const run = promisify(execFile);

let pki: TestPki;
let pbm: MockCmpEndpoint;
let polling: MockCmpEndpoint;
let implicit: MockCmpEndpoint;
let signed: MockCmpEndpoint;
/** KUR gets its own server: OpenSSL 3.0.22's mock server segfaults on the sequence cr, kur, cr, kur (also with openssl's own client). */
let kurServer: MockCmpEndpoint;
let csrFile: string;

beforeAll(async () => {
  pki = await createTestPki({ intermediate: true, name: 'cli interop' });
  const issued = { rspCert: pki.endEntity.cert, rspCaPubs: pki.trustedCa, rspExtraCerts: pki.intermediate!.cert };
  const shared = { srvRef: REF, srvSecret: SECRET, ...issued };
  const signing = { srvCert: pki.cmpSigner.cert, srvKey: pki.cmpSigner.key, srvTrusted: pki.trustedCa, srvUntrusted: pki.caBundle, ...issued };
  [pbm, polling, implicit, signed, kurServer] = await Promise.all([
    startMockCmpEndpoint(pki, shared),
    startMockCmpEndpoint(pki, { ...shared, pollCount: 3, checkAfter: 1 }),
    startMockCmpEndpoint(pki, { ...shared, grantImplicitConf: true }),
    startMockCmpEndpoint(pki, signing),
    startMockCmpEndpoint(pki, signing),
  ]);
  csrFile = path.join(pki.dir, 'ee.csr');
  await run('openssl', ['req', '-new', '-key', pki.endEntity.key, '-subj', EE_SUBJECT, '-out', csrFile]);
});

afterAll(async () => {
  await Promise.all([pbm, polling, implicit, signed, kurServer].map((endpoint) => endpoint?.stop()));
  await pki?.cleanup();
});

function expectSuccess(result: { exitCode: number | null; stderr: string[] }): void {
  expect(result.stderr.filter((line) => line.startsWith('cmp-desk')), result.stderr.join('\n')).toEqual([]);
  expect(result.exitCode, result.stderr.join('\n')).toBe(0);
}

const schemes = [
  ['HTTP', (endpoint: MockCmpEndpoint) => endpoint.httpUrl],
  ['HTTPS via nginx', (endpoint: MockCmpEndpoint) => endpoint.httpsUrl],
] as const;

describe.each(schemes)('cmp-desk cmp against openssl cmp -port over %s', (_scheme, urlOf) => {
  it('enrolls with ir protected by PBM, confirms, and writes certificate and chain', async () => {
    const out = (name: string) => path.join(pki.dir, `${_scheme.slice(0, 4)}-ir-${name}.pem`);
    const result = await runCmpInProcess(irArgs(pki, urlOf(pbm), ['--certout', out('cert'), '--chainout', out('chain'), '--cacertsout', out('capubs'), '--extracertsout', out('extra')]));
    expectSuccess(result);
    expect(result.stdout[0]).toContain('enrolled "CN=ee.cmp-desk.test,O=cmp-desk tests"');
    expect(result.stdout).toContain('confirmation: certConf accepted by the CA (pkiConf)');
    expect(parseCertificate(await readFile(out('cert'), 'utf8')).der).toEqual(parseCertificate(await pki.read(pki.endEntity.cert)).der);
    expect(parsePemBundle(await readFile(out('chain'), 'utf8')).map((c) => c.subject)).toEqual(['CN=cli interop Issuing CA,O=cmp-desk tests', 'CN=cli interop Root CA,O=cmp-desk tests']);
    expect(parsePemBundle(await readFile(out('capubs'), 'utf8')).map((c) => c.subject)).toEqual(['CN=cli interop Root CA,O=cmp-desk tests']);
    expect(parsePemBundle(await readFile(out('extra'), 'utf8')).map((c) => c.subject)).toContain('CN=cli interop Issuing CA,O=cmp-desk tests');
  });

  it('polls while the CA says waiting (-poll_count 3 -check_after 1) and shows the exchange with --verbose', async () => {
    const started = Date.now();
    const result = await runCmpInProcess(irArgs(pki, urlOf(polling), ['--verbose']));
    expectSuccess(result);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    const exchange = result.stderr.filter((line) => /^(->|<-)/.test(line)).map((line) => line.split(/\s+/).slice(0, 2).join(' '));
    expect(exchange).toEqual(['-> ir', '<- ip', '-> pollReq', '<- pollRep', '-> pollReq', '<- pollRep', '-> pollReq', '<- ip', '-> certConf', '<- pkiconf']);
    expect(result.stderr[1]).toContain('status=waiting');
    const ids = new Set(result.stderr.filter((line) => /^(->|<-)/.test(line)).map((line) => /transactionID=([0-9a-f]+)/.exec(line)?.[1]));
    expect(ids.size).toBe(1);
  });

  it('enrolls with cr signed by our TLS client certificate and verifies the signed response', async () => {
    const result = await runCmpInProcess(['--cmd', 'cr', ...serverArgs(pki, urlOf(signed)), '--cert', pki.client.chain, '--key', pki.client.key,
      '--trusted', pki.trustedCa, '--newkey', pki.endEntity.key, '--subject', EE_SUBJECT, '--sans', EE_SANS, '--verbose']);
    expectSuccess(result);
    expect(result.stderr.some((line) => line.startsWith('<- cp'))).toBe(true);
  });

  it('renews with kur signed by the certificate being renewed, pinning the server certificate', async () => {
    const result = await runCmpInProcess(['--cmd', 'kur', ...serverArgs(pki, urlOf(kurServer)), '--cert', pki.endEntity.cert, '--key', pki.endEntity.key,
      '--srvcert', pki.cmpSigner.cert, '--out-trusted', pki.trustedCa, '--newkey', pki.endEntity.key, '--digest', 'sha384', '--verbose']);
    expectSuccess(result);
    expect(result.stderr.some((line) => line.startsWith('<- kup'))).toBe(true);
  });

  it('enrolls with p10cr from an OpenSSL-made CSR', async () => {
    const result = await runCmpInProcess(['--cmd', 'p10cr', ...serverArgs(pki, urlOf(pbm)), ...pbmArgs(), '--csr', csrFile, '--out-trusted', pki.trustedCa, '--verbose']);
    expectSuccess(result);
    expect(result.stderr.filter((line) => /^(->|<-)/.test(line)).map((line) => line.split(/\s+/)[1])).toEqual(['p10cr', 'cp', 'certConf', 'pkiconf']);
  });

  it('revokes with rr and a reason code', async () => {
    const result = await runCmpInProcess(['--cmd', 'rr', ...serverArgs(pki, urlOf(pbm)), ...pbmArgs(), '--oldcert', pki.endEntity.cert, '--revreason', '1']);
    expectSuccess(result);
    expect(result.stdout[0]).toMatch(/^revocation of "CN=ee\.cmp-desk\.test,O=cmp-desk tests" serial [0-9A-F]+: accepted/);
  });

  it('asks a general message question', async () => {
    const result = await runCmpInProcess(['--cmd', 'genm', ...serverArgs(pki, urlOf(pbm)), ...pbmArgs(), '--infotype', 'signKeyPairTypes', '--verbose']);
    expectSuccess(result);
    expect(result.stdout[0]).toMatch(/^genp with/);
    expect(result.stderr.map((line) => line.split(/\s+/)[1])).toEqual(['genm', 'genp']);
  });

  it('skips certConf when the CA grants implicit confirmation', async () => {
    const result = await runCmpInProcess(irArgs(pki, urlOf(implicit), ['--implicit-confirm', '--verbose']));
    expectSuccess(result);
    expect(result.stdout).toContain('confirmation: implicit (granted by the CA)');
    expect(result.stderr.filter((line) => /^(->|<-)/.test(line)).map((line) => line.split(/\s+/)[1])).toEqual(['ir', 'ip']);
  });
});
