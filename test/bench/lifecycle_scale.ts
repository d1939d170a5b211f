import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLabConfiguration, desiredParameters, openLifecycle, parametersJson, requestFingerprint, type OpenLifecycle } from '../../src-main/lifecycle';
import { databaseFileName } from '../../src-main/store';
import { target, type Benchmark, type BenchMetric } from './benchmark';
import { fileSecrets } from './lifecycle_scale/file_secrets';
import { startLabCaProcess } from './lifecycle_scale/lab_ca_process';
import type { EngineChildMessage, EngineMeasurement } from './lifecycle_scale/messages';
import { processMemoryMb } from './lifecycle_scale/process_memory';

const engineChild = fileURLToPath(new URL('./lifecycle_scale/engine_child.ts', import.meta.url));

/** Copies a lab-issued certificate onto `count` further records, in one SQLite transaction, as if each had been enrolled. */
function seedRecords(life: OpenLifecycle, count: number): void {
  const { store } = life;
  const template = store.certificateRecords.list()[0];
  const certificate = store.certificates.current(template.id)!;
  store.atomically(() => {
    for (let i = 0; i < count; i++) {
      const record = store.certificateRecords.save({ ...template, id: randomUUID(), name: `seeded-${i}`, subject: { ...template.subject, commonName: `seeded-${i}.cmp-desk.test` } });
      const id = randomUUID();
      store.certificates.putIntoUse({ ...certificate, id, recordId: record.id });
      const parameters = desiredParameters(record)!;
      store.lifecycle.setCertificateParameters(id, parametersJson(parameters), requestFingerprint(parameters));
    }
  });
}

async function storeBytes(dataDir: string): Promise<number> {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) total += await stat(join(dataDir, databaseFileName + suffix)).then((s) => s.size, () => 0);
  return total;
}

/**
 * Runs the engine child over the data folder; after each measured phase `onPhase` runs (the CA's
 * memory is sampled there) before the child goes on.
 */
async function measureEngine(dataDir: string, secretsPath: string, onPhase: (m: EngineMeasurement) => void): Promise<Map<string, EngineMeasurement>> {
  const child = fork(engineChild, [dataDir, secretsPath], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const phases = new Map<string, EngineMeasurement>();
  return new Promise((resolve, reject) => {
    let failure: string | null = null;
    child.on('message', (message: EngineChildMessage) => {
      if (message.kind === 'failed') {
        failure = message.error;
        return;
      }
      phases.set(message.measurement.phase, message.measurement);
      onPhase(message.measurement);
      child.send('continue');
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 && failure === null ? resolve(phases) : reject(new Error(`the engine child failed (exit ${code}): ${failure ?? ''}`))));
  });
}

/**
 * 10,000 records with certificates in a real SQLite store. As in production, the lab CA is its own
 * process (`cmp-desk labca`) and the engine runs in a process of its own that opens the seeded data
 * folder: one tick when nothing is due, after one edit, and with 1% due (100 KURs); the engine's
 * and the CA's RSS apart, the engine's heap after GC, and the store size.
 */
export const benchmark: Benchmark = {
  name: 'lifecycle-scale',
  description: 'processing tick over 10,000 records: idle, after an edit, and with 1% due (KURs against the lab CA process); engine and CA RSS, store size',
  async run(args) {
    const records = Number(args[0] ?? 10_000);
    const due = Math.max(1, Math.round(records / 100));
    const started = Date.now();
    const dir = await mkdtemp(join(tmpdir(), 'cmp-desk-bench-lifecycle-'));
    const lab = await startLabCaProcess({ dir: join(dir, 'labca'), reference: 'bench', secret: 'bench-secret', validity: '90d' });
    const dataDir = join(dir, 'data');
    const secretsPath = join(dir, 'secrets.json');
    try {
      const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined }, secrets: fileSecrets(secretsPath), concurrency: 16 });
      let enrollMs: number;
      let seedMs: number;
      try {
        await createLabConfiguration(life.store, life.iaks, { rootCertificateDer: lab.rootCertificateDer, cmpUrls: [lab.cmpUrl], reference: 'bench', secret: new Uint8Array(Buffer.from('bench-secret')), renewBeforeExpiryDays: 10, records: due });
        const enrollStart = performance.now();
        life.engine.tick();
        await life.engine.idle();
        enrollMs = performance.now() - enrollStart;
        const seedStart = performance.now();
        seedRecords(life, records - due);
        seedMs = performance.now() - seedStart;
      } finally {
        life.close();
      }

      const ca = new Map<string, { rssMb: number; peakRssMb: number } | null>();
      const phases = await measureEngine(dataDir, secretsPath, (m) => ca.set(m.phase, processMemoryMb(lab.pid)));
      const idle = phases.get('idle')!.figures;
      const after = phases.get('after-kurs')!.figures;
      const caIdle = ca.get('idle');
      const caAfter = ca.get('after-kurs');
      const storeMb = (await storeBytes(dataDir)) / 1_048_576;
      const metrics: BenchMetric[] = [
        { name: 'idle tick (median of 7, rows reused)', value: idle.idleTickMs, unit: 'ms' },
        { name: 'tick after one record edit (median of 7)', value: idle.recordChangeMs, unit: 'ms' },
        { name: 'tick after a settings edit (rows kept, all decided again)', value: idle.settingsChangeMs, unit: 'ms' },
        { name: `tick after a profile edit (all ${records} records use it)`, value: idle.profileChangeMs, unit: 'ms' },
        { name: 'first tick after start (reads every record)', value: idle.firstTickMs, unit: 'ms' },
        { name: 'main-process RSS after opening the store, before the first tick', value: idle.rssAtOpenMb, unit: 'MB' },
        { name: 'engine heap after GC after opening the store', value: idle.heapAtOpenMb, unit: 'MB' },
        { name: 'main-process RSS when idle (the engine alone)', value: idle.rssMb, unit: 'MB' },
        { name: 'engine heap after GC when idle', value: idle.heapUsedAfterGcMb, unit: 'MB' },
        { name: 'engine V8 heap reserved when idle', value: idle.heapTotalMb, unit: 'MB' },
        { name: 'engine external (Buffers, native) when idle', value: idle.externalMb, unit: 'MB' },
        { name: `tick decisions with ${due} due`, value: after.dueTickMs, unit: 'ms' },
        { name: `tick with ${due} KURs until all are in use`, value: after.dueWorkMs, unit: 'ms' },
        { name: `main-process RSS after the ${due} KURs`, value: after.rssMb, unit: 'MB' },
        { name: `engine heap after GC after the ${due} KURs`, value: after.heapUsedAfterGcMb, unit: 'MB' },
        { name: 'main-process peak RSS', value: after.peakRssMb, unit: 'MB' },
        { name: 'lab CA process RSS when idle', value: caIdle?.rssMb ?? NaN, unit: 'MB' },
        { name: `lab CA process RSS after the ${due} KURs`, value: caAfter?.rssMb ?? NaN, unit: 'MB' },
        { name: `first tick: ${due} IRs until all are in use (set-up process)`, value: enrollMs, unit: 'ms' },
        { name: `seeding ${records - due} records with certificates (set-up process)`, value: seedMs, unit: 'ms' },
        { name: 'store size (db + wal)', value: storeMb, unit: 'MB' },
      ];
      const engineRss = Math.max(idle.rssMb, after.rssMb);
      return {
        name: 'lifecycle-scale',
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        parameters: { records, due, concurrency: 16 },
        metrics,
        targets: [target('idle tick: ms below the 50 ms budget', 50 - idle.idleTickMs, 0), target('main-process RSS: MB below the 300 MB budget', 300 - engineRss, 0)],
        notes: [
          'The engine runs in its own process (node --expose-gc, sources through tsx) over the seeded data folder; the lab CA is a separate `cmp-desk labca` process, as in production.',
          'A tick reads only the records changed since its last read (per-record change sequence kept by triggers, migration 003); a profile edit re-reads the records that use it.',
          'Wall-clock figures need an idle machine; compare runs on the same machine.',
        ],
      };
    } finally {
      await lab.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
