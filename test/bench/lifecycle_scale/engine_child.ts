/**
 * The engine's process in the lifecycle-scale bench: opens the seeded data folder as the app does
 * and measures ticks and memory, with nothing else loaded (the runner, the set-up and the lab CA
 * live in other processes). Started with --expose-gc so "heap after GC" is what the engine keeps.
 */
import { once } from 'node:events';
import { openLifecycle } from '../../../src-main/lifecycle';
import { fileSecrets } from './file_secrets';
import type { EngineChildMessage, EngineMeasurement } from './messages';
import { processMemoryMb } from './process_memory';

const [dataDir, secretsPath] = process.argv.slice(2);

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function timed(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function memory(): Record<string, number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the engine child needs node --expose-gc');
  gc();
  const usage = process.memoryUsage();
  const mb = (bytes: number) => bytes / 1_048_576;
  return { rssMb: mb(usage.rss), heapUsedAfterGcMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal), externalMb: mb(usage.external), peakRssMb: processMemoryMb('self')?.peakRssMb ?? NaN };
}

async function report(measurement: EngineMeasurement): Promise<void> {
  process.send!({ kind: 'measured', measurement } satisfies EngineChildMessage);
  await once(process, 'message');
}

async function main(): Promise<void> {
  const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined }, secrets: fileSecrets(secretsPath), concurrency: 16 });
  const { store, engine } = life;
  const atOpen = memory();
  const quiet = () => {
    const report = engine.tick();
    if (report.started !== 0) throw new Error(`a tick that should find nothing due started ${report.started} transactions`);
  };
  try {
    const firstTickMs = timed(quiet);
    const idleTickMs = median(Array.from({ length: 7 }, () => timed(quiet)));
    const seeded = store.certificateRecords.list().filter((r) => r.name.startsWith('seeded-'));
    const recordChangeMs = median(seeded.slice(0, 7).map((record) => {
      store.certificateRecords.save({ ...record, purpose: 'management' });
      return timed(quiet);
    }));
    const config = store.config.globalConfig;
    config.update({ ...config.get(), expiryNotificationIntervalHours: config.get().expiryNotificationIntervalHours + 1 });
    const settingsChangeMs = timed(quiet);
    const profile = store.config.cmpProfiles.list()[0];
    store.config.cmpProfiles.save({ ...profile, implicitConfirm: !profile.implicitConfirm });
    const profileChangeMs = timed(quiet);
    await report({ phase: 'idle', figures: { firstTickMs, idleTickMs, recordChangeMs, settingsChangeMs, profileChangeMs, rssAtOpenMb: atOpen.rssMb, heapAtOpenMb: atOpen.heapUsedAfterGcMb, ...memory() } });

    const enrolled = store.certificateRecords.list().filter((r) => !r.name.startsWith('seeded-'));
    store.atomically(() => enrolled.forEach((r) => store.certificateRecords.save({ ...r, digest: 'sha384' })));
    const dueStart = performance.now();
    const due = engine.tick();
    const dueTickMs = performance.now() - dueStart;
    await engine.idle();
    const dueWorkMs = performance.now() - dueStart;
    const renewed = enrolled.filter((r) => {
      const last = store.transactions.history(r.id, 1)[0];
      return last?.type === 'kur' && last.state === 'completed';
    }).length;
    if (due.started !== enrolled.length || renewed !== enrolled.length) throw new Error(`expected ${enrolled.length} KURs, the tick started ${due.started} and ${renewed} completed`);
    await report({ phase: 'after-kurs', figures: { due: enrolled.length, dueTickMs, dueWorkMs, ...memory() } });
  } finally {
    life.close();
  }
}

main().then(
  () => process.disconnect(),
  (error: unknown) => {
    process.send!({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies EngineChildMessage, () => process.exit(1));
  },
);
