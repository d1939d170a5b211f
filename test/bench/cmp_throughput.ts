import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EnrollmentTransaction, type CmpSession } from '../../src-main/cmp/transactions';
import { HttpTransport } from '../../src-main/cmp/transport';
import { importPrivateKey, parseCertificate, parseOpensslName } from '../../src-main/pki';
import { runOpensslCmp } from '../support/openssl_cmp_client';
import { startOpensslCmpServer, type OpensslCmpServer } from '../support/openssl_cmp_server';
import { createTestPki, type TestPki } from '../support/test_pki';
import { target, type Benchmark, type BenchResult } from './benchmark';

/**
 * IRs with PBM against one `openssl cmp -port` mock server, three ways in the same run:
 * (a) our engine in one process, (b) one `openssl cmp` process per certificate (how device scripts
 * use it), (c) one `openssl cmp -repeat N` process. All three use the same pre-generated key (like
 * `-newkey FILE`), so the figures compare protocol cost, not key generation.
 */

const SECRET = 'bench-secret';
const REF = 'bench-ref';
const SUBJECT = '/O=cmp-desk tests/CN=ee.cmp-desk.test';
const DEFAULT_COUNT = 300;

function enrollmentCount(args: readonly string[]): number {
  const text = args[0] ?? process.env.CMP_BENCH_N;
  const count = text === undefined ? DEFAULT_COUNT : Number(text);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`enrollment count must be a positive integer, got "${text}"`);
  return count;
}

/** Wall time of (a), and the part of it spent waiting for the server (send to response), to tell engine CPU from server time. */
interface EngineTiming {
  totalMs: number;
  inTransportMs: number;
}

async function ourEngine(pki: TestPki, server: OpensslCmpServer, count: number): Promise<EngineTiming> {
  const key = importPrivateKey(await readFile(pki.endEntity.key));
  const anchors = [parseCertificate(await readFile(pki.trustedCa, 'utf8'))];
  const subject = parseOpensslName(SUBJECT);
  const secret = new TextEncoder().encode(SECRET);
  const http = new HttpTransport({ url: server.url, messageTimeoutMs: 10_000 });
  let inTransportMs = 0;
  const transport = {
    send: async (request: Uint8Array) => {
      const sent = performance.now();
      const response = await http.send(request);
      inTransportMs += performance.now() - sent;
      return response;
    },
    close: () => http.close(),
  };
  const session: CmpSession = {
    transport,
    protector: { kind: 'password-based-mac', reference: new TextEncoder().encode(REF), secret },
    trust: { secret },
    sender: subject,
    recipient: parseOpensslName('/CN=bench CA'),
  };
  try {
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      await new EnrollmentTransaction(session, { type: 'ir', wish: { subject, publicKey: key.publicKey }, privateKey: key.privateKey, trustAnchors: anchors }).run();
    }
    return { totalMs: performance.now() - started, inTransportMs };
  } finally {
    transport.close();
  }
}

function opensslIrArgs(pki: TestPki, server: OpensslCmpServer, certOut: string): string[] {
  return ['-cmd', 'ir', '-server', `127.0.0.1:${server.port}`, '-ref', REF, '-secret', `pass:${SECRET}`, '-newkey', pki.endEntity.key,
    '-subject', SUBJECT, '-recipient', '/CN=bench CA', '-certout', certOut, '-verbosity', '3'];
}

async function opensslPerCertificate(pki: TestPki, server: OpensslCmpServer, count: number): Promise<number> {
  const args = opensslIrArgs(pki, server, path.join(pki.dir, 'per-process.pem'));
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const result = await runOpensslCmp(args);
    if (result.exitCode !== 0) throw new Error(`openssl cmp enrollment ${i + 1} failed: ${result.stderr}`);
  }
  return performance.now() - started;
}

async function opensslRepeat(pki: TestPki, server: OpensslCmpServer, count: number): Promise<number> {
  const started = performance.now();
  const result = await runOpensslCmp([...opensslIrArgs(pki, server, path.join(pki.dir, 'repeat.pem')), '-repeat', String(count)], { timeoutMs: 600_000 });
  if (result.exitCode !== 0) throw new Error(`openssl cmp -repeat ${count} failed: ${result.stderr}`);
  return performance.now() - started;
}

export const benchmark: Benchmark = {
  name: 'cmp-throughput',
  description: 'IR enrollments/s with PBM against openssl cmp -port: our engine vs openssl cmp per process vs openssl cmp -repeat',
  async run(args): Promise<BenchResult> {
    const count = enrollmentCount(args);
    const startedAt = new Date();
    const pki = await createTestPki({ intermediate: true, name: 'bench' });
    const server = await startOpensslCmpServer({ srvRef: REF, srvSecret: SECRET, rspCert: pki.endEntity.cert, rspCaPubs: pki.trustedCa, rspExtraCerts: pki.intermediate!.cert, verbosity: 3 });
    try {
      const engine = await ourEngine(pki, server, count);
      const engineMs = engine.totalMs;
      const perProcessMs = await opensslPerCertificate(pki, server, count);
      const repeatMs = await opensslRepeat(pki, server, count);
      const rate = (ms: number) => (count * 1000) / ms;
      const [a, b, c] = [rate(engineMs), rate(perProcessMs), rate(repeatMs)];
      return {
        name: 'cmp-throughput',
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        parameters: { enrollments: count, protection: 'PasswordBasedMac sha256/500', key: 'EC P-256 (pre-generated, same for all)', server: 'openssl cmp -port (OpenSSL 3.0)' },
        metrics: [
          { name: '(a) cmp-desk engine, one process', value: a, unit: 'enrollments/s' },
          { name: '(b) openssl cmp, one process per cert', value: b, unit: 'enrollments/s' },
          { name: '(c) openssl cmp -repeat N', value: c, unit: 'enrollments/s' },
          { name: '(a) time per enrollment', value: engineMs / count, unit: 'ms' },
          { name: '(a) of which waiting for the server', value: engine.inTransportMs / count, unit: 'ms' },
          { name: '(a) of which engine CPU', value: (engineMs - engine.inTransportMs) / count, unit: 'ms' },
          { name: '(b) time per enrollment', value: perProcessMs / count, unit: 'ms' },
          { name: '(c) time per enrollment', value: repeatMs / count, unit: 'ms' },
        ],
        targets: [target('a/b', a / b, 20), target('a/c', a / c, 1)],
        notes: [
          'Each enrollment is ir/ip + certConf/pkiConf; the mock server serves one connection at a time and closes it after pkiConf, so every enrollment opens a new TCP connection whatever the client does.',
        ],
      };
    } finally {
      await server.stop();
      await pki.cleanup();
    }
  },
};
