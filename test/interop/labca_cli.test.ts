import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Name } from '@peculiar/asn1-x509';
import { runCli } from '../../src-main/app/cli/cli';
import { CmpTransactionError, EnrollmentTransaction, type CmpSession } from '../../src-main/cmp/transactions';
import { HttpTransport, type CmpTransport } from '../../src-main/cmp/transport';
import { generateKeyPair, parseCertificate, parseOpensslName } from '../../src-main/pki';

const main = fileURLToPath(new URL('../../src-main/app/cli/main.ts', import.meta.url));
const reference = 'cli-ref';
const secret = 'cli-secret-value';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { output: { out: (l) => out.push(l), err: (l) => err.push(l) }, env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cmp-desk labca --transaction-lifetime', () => {
  it('is explained in the command help', async () => {
    const help = await cli('labca', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--transaction-lifetime <duration>\s+how long an open transaction waits/);
  });

  it.each(['0s', '10', '5 minutes', '1.5m'])('refuses %j as a usage error before the CA starts', async (value) => {
    const dir = await mkdtemp(join(tmpdir(), 'cmp-desk-labca-cli-'));
    try {
      const result = await cli('labca', '--dir', join(dir, 'ca'), '--transaction-lifetime', value);
      expect(result.code).toBe(2);
      expect(result.err).toContain('--transaction-lifetime: expected a positive duration such as 90d, 12h, 15m or 30s');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('cmp-desk labca --transaction-lifetime 1s (the CLI as a process)', () => {
  let dir: string;
  let child: ChildProcessByStdio<null, Readable, Readable>;
  let cmpUrl: string;
  let rootPem: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cmp-desk-labca-cli-'));
    child = spawn(process.execPath, ['--import', 'tsx', main, 'labca', '--dir', join(dir, 'ca'), '--ref', reference, '--secret', 'env:LABCA_CLI_SECRET', '--key-passphrase', 'env:LABCA_CLI_PASSPHRASE', '--transaction-lifetime', '1s'], {
      env: { ...process.env, LABCA_CLI_SECRET: secret, LABCA_CLI_PASSPHRASE: 'labca-cli-passphrase' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = await new Promise<string[]>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('lab CA running')) resolve(out.split('\n'));
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk));
      child.once('exit', (code) => reject(new Error(`cmp-desk labca exited with ${code} before it was running:\n${out}${err}`)));
    });
    const field = (label: string) => lines.find((line) => line.startsWith(label))!.slice(label.length).trim();
    cmpUrl = field('CMP:');
    rootPem = await readFile(field('root CA:'), 'utf8');
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** An IR whose certConf is held back by `holdCertConfMs` on its way to the CA. */
  async function enroll(holdCertConfMs: number) {
    const http = new HttpTransport({ url: cmpUrl });
    let sent = 0;
    const transport: CmpTransport = {
      send: async (request, options) => {
        if (sent++ === 1) await delay(holdCertConfMs);
        return http.send(request, options);
      },
      close: () => http.close(),
    };
    const root = parseCertificate(rootPem);
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const session: CmpSession = {
      transport,
      protector: { kind: 'password-based-mac', reference: new Uint8Array(Buffer.from(reference)), secret: new Uint8Array(Buffer.from(secret)) },
      trust: { secret: new Uint8Array(Buffer.from(secret)), trustAnchors: [root] },
      sender: parseOpensslName('/CN=labca-cli'),
      recipient: new Name(),
    };
    try {
      return await new EnrollmentTransaction(session, { type: 'ir', wish: { subject: parseOpensslName('/CN=labca-cli'), publicKey: key.publicKey }, privateKey: key.privateKey, trustAnchors: [root] }).run();
    } finally {
      transport.close();
    }
  }

  it('confirms a certificate within the lifetime', async () => {
    const result = await enroll(0);
    expect(result.certificate.subject).toBe('CN=labca-cli');
  });

  it('has forgotten the transaction when its certConf comes after the lifetime', async () => {
    const error = await enroll(1_500).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(CmpTransactionError);
    expect(error).toMatchObject({ code: 'rejected', failedIn: 'confirming' });
    expect((error as Error).message).toMatch(/no open transaction [0-9a-f]{32}/);
  });
});
