import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Name } from '@peculiar/asn1-x509';
import { EnrollmentTransaction } from '../../src-main/cmp/transactions';
import { HttpTransport } from '../../src-main/cmp/transport';
import { parseCertificate } from '../../src-main/pki/certificate';
import { generateKeyPair } from '../../src-main/pki/keys';
import { parseOpensslName } from '../../src-main/pki/names';
import { type Benchmark, type BenchMetric, target } from './benchmark';

/**
 * 1,000 IR + certConf with fresh P-256 keys: our engine (this process) against the lab CA (a child
 * process running `cmp-desk labca`, so each side's CPU and memory can be told apart), at
 * concurrency 1 and 16. Target: 1,000 enrollments in < 10 s, i.e. >= 100 enrollments/s.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REFERENCE = 'bench-ref';
const SECRET = 'bench-secret-value';
const CLOCK_TICKS_PER_SECOND = 100;

interface LabCaProcess {
  child: ChildProcess;
  cmpUrl: string;
  rootCaPath: string;
}

/** BENCH_LABCA_CPU_PROF=<folder>: the lab CA child writes a V8 CPU profile there when it stops (see cpu_profile_summary.ts). */
const cpuProfileFolder = process.env.BENCH_LABCA_CPU_PROF;

async function startLabCa(dir: string): Promise<LabCaProcess> {
  const profiling = cpuProfileFolder ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfileFolder)}`] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', 'src-main/app/cli/main.ts', 'labca', '--dir', dir, '--ref', REFERENCE, '--secret', 'env:BENCH_LABCA_SECRET', '--key-passphrase', 'env:BENCH_LABCA_PASSPHRASE'], {
    cwd: ROOT,
    env: { ...process.env, BENCH_LABCA_SECRET: SECRET, BENCH_LABCA_PASSPHRASE: 'bench-passphrase' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let cmpUrl = '';
  let rootCaPath = '';
  for await (const line of lines) {
    if (line.startsWith('CMP:')) cmpUrl = line.slice(4).trim();
    if (line.startsWith('root CA:')) rootCaPath = line.slice(8).trim();
    if (line.startsWith('lab CA running')) break;
  }
  if (!cmpUrl) throw new Error('the lab CA child did not print its CMP URL');
  return { child, cmpUrl, rootCaPath };
}

/** CPU seconds (user + system) and peak resident memory of a Linux process, from /proc. */
function processUsage(pid: number): { cpuSeconds: number; peakRssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds, peakRssMb: hwm ? Number(hwm[1]) / 1024 : NaN };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function enrollMany(labCa: LabCaProcess, count: number, concurrency: number): Promise<{ seconds: number; latencies: number[] }> {
  const root = parseCertificate(readFileSync(labCa.rootCaPath, 'utf8'));
  const transport = new HttpTransport({ url: labCa.cmpUrl, maxSockets: concurrency });
  const secret = new Uint8Array(Buffer.from(SECRET));
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const begin = performance.now();
      const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
      const session = {
        transport,
        protector: { kind: 'password-based-mac' as const, reference: new Uint8Array(Buffer.from(REFERENCE)), secret },
        trust: { secret, trustAnchors: [root] },
        sender: parseOpensslName(`/CN=bench-${index}`),
        recipient: new Name(),
      };
      await new EnrollmentTransaction(session, { type: 'ir', wish: { subject: parseOpensslName(`/CN=bench-${index}`), publicKey: key.publicKey }, privateKey: key.privateKey, trustAnchors: [root] }).run();
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return { seconds, latencies: latencies.sort((a, b) => a - b) };
}

export const benchmark: Benchmark = {
  name: 'labca-enroll',
  description: '1,000 IR + certConf with fresh P-256 keys, our engine -> lab CA (child process), concurrency 1 and 16',
  async run(args) {
    const count = Number(args[0] ?? 1000);
    const startedAt = new Date();
    const dir = mkdtempSync(path.join(tmpdir(), 'labca-bench-'));
    const labCa = await startLabCa(dir);
    const metrics: BenchMetric[] = [];
    const targets = [];
    const notes: string[] = [];
    try {
      await enrollMany(labCa, 20, 4); // warm-up: JIT, keep-alive sockets
      for (const concurrency of [1, 16]) {
        const clientCpuBefore = process.cpuUsage();
        const serverBefore = processUsage(labCa.child.pid as number);
        const { seconds, latencies } = await enrollMany(labCa, count, concurrency);
        const clientCpu = process.cpuUsage(clientCpuBefore);
        const serverAfter = processUsage(labCa.child.pid as number);
        const rate = count / seconds;
        metrics.push(
          { name: `c${concurrency} enrollments/s`, value: rate, unit: '1/s' },
          { name: `c${concurrency} total`, value: seconds, unit: 's' },
          { name: `c${concurrency} p50 latency`, value: percentile(latencies, 50), unit: 'ms' },
          { name: `c${concurrency} p99 latency`, value: percentile(latencies, 99), unit: 'ms' },
          { name: `c${concurrency} client CPU`, value: (clientCpu.user + clientCpu.system) / 1e6, unit: 's' },
          { name: `c${concurrency} lab CA CPU`, value: serverAfter.cpuSeconds - serverBefore.cpuSeconds, unit: 's' },
          { name: `c${concurrency} client CPU per enrollment`, value: (clientCpu.user + clientCpu.system) / 1e3 / count, unit: 'ms' },
          { name: `c${concurrency} lab CA CPU per enrollment`, value: ((serverAfter.cpuSeconds - serverBefore.cpuSeconds) * 1000) / count, unit: 'ms' },
        );
        targets.push(target(`c${concurrency} enrollments/s (1,000 in < 10 s)`, rate, 100));
      }
      metrics.push(
        { name: 'client peak RSS', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' },
        { name: 'lab CA peak RSS', value: processUsage(labCa.child.pid as number).peakRssMb, unit: 'MB' },
      );
      notes.push(
        'each enrollment: P-256 key generation, ir (PBM), ip, certConf, pkiConf; the lab CA group-commits its journal (one fdatasync off the event loop covers every record written before it; pkiConf waits for it)',
        `load average when done: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} CPUs (figures are only comparable on an otherwise idle machine)`,
      );
    } finally {
      labCa.child.kill('SIGTERM');
      await new Promise((resolve) => labCa.child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
    return { name: 'labca-enroll', startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), parameters: { count, keys: 'EC P-256', protection: 'PasswordBasedMac' }, metrics, targets, notes };
  },
};
