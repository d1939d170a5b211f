import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeMessage } from '../../src-main/app/cli/cmp/exchange_summary';
import { runOpensslCmp } from '../support/openssl_cmp_client';
import { createTestPki, type TestPki } from '../support/test_pki';
import { EE_SUBJECT, irArgs, REF, SECRET } from './helpers/cmp_cli_args';
import { runCmpInProcess } from './helpers/cmp_cli_runner';
import { startMockCmpEndpoint, type MockCmpEndpoint } from './helpers/mock_cmp_endpoint';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/cmp');

let pki: TestPki;
let pbm: MockCmpEndpoint;

beforeAll(async () => {
  pki = await createTestPki({ intermediate: true, name: 'cli vectors' });
  pbm = await startMockCmpEndpoint(pki, { srvRef: REF, srvSecret: SECRET, rspCert: pki.endEntity.cert, rspCaPubs: pki.trustedCa, rspExtraCerts: pki.intermediate!.cert });
});

afterAll(async () => {
  await pbm?.stop();
  await pki?.cleanup();
});

describe('our messages and OpenSSL\'s, both ways', () => {
  it('openssl cmp -reqin sends the ir our CLI wrote with --reqout, and the mock server accepts it', async () => {
    const files = ['ir', 'certconf'].map((name) => path.join(pki.dir, `ours-${name}.der`));
    const ours = await runCmpInProcess(irArgs(pki, pbm.httpUrl, ['--reqout', files.join(',')]));
    expect(ours.exitCode, ours.stderr.join('\n')).toBe(0);
    expect(summarizeMessage('sent', new Uint8Array(await readFile(files[1]))).type).toBe('certConf');
    const replay = await runOpensslCmp(['-cmd', 'ir', '-server', `127.0.0.1:${pbm.server.port}`, '-ref', REF, '-secret', `pass:${SECRET}`,
      '-reqin', files[0], '-reqin_new_tid', '-newkey', pki.endEntity.key, '-subject', EE_SUBJECT, '-certout', path.join(pki.dir, 'replayed.pem'), '-disable_confirm']);
    expect(replay.exitCode, replay.stderr).toBe(0);
    expect(replay.stdout + replay.stderr).toContain('received IP');
  });

  it('decodes what openssl cmp received (-rspout) and what our CLI received (--rspout) alike', async () => {
    const theirs = ['ip', 'pkiconf'].map((name) => path.join(pki.dir, `openssl-${name}.der`));
    const run = await runOpensslCmp(['-cmd', 'ir', '-server', `127.0.0.1:${pbm.server.port}`, '-ref', REF, '-secret', `pass:${SECRET}`,
      '-newkey', pki.endEntity.key, '-subject', EE_SUBJECT, '-certout', path.join(pki.dir, 'openssl.pem'), '-rspout', theirs.join(',')]);
    expect(run.exitCode, run.stderr).toBe(0);
    const summaries = await Promise.all(theirs.map(async (file) => summarizeMessage('received', new Uint8Array(await readFile(file)))));
    expect(summaries.map((s) => [s.type, s.status])).toEqual([['ip', 'accepted'], ['pkiconf', undefined]]);
    expect(summaries[0].transactionId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('decodes every OpenSSL-captured vector under test/fixtures/cmp as the message its name says', async () => {
    const files = (await readdir(FIXTURES)).filter((file) => file.endsWith('.der'));
    expect(files.length).toBeGreaterThan(10);
    const bodyOfName: Record<string, string> = { certconf: 'certConf', pkiconf: 'pkiconf', pollreq: 'pollReq', pollrep: 'pollRep' };
    for (const file of files) {
      const prefix = file.split('_')[0].replace(/\.der$/, '');
      const summary = summarizeMessage('received', new Uint8Array(await readFile(path.join(FIXTURES, file))));
      expect(summary.type, file).toBe(bodyOfName[prefix] ?? prefix);
    }
  });
});
