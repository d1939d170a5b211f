import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabCa, wellKnownCmpPath } from '../../src-main/labca';
import { createLabConfiguration, desiredParameters, openLifecycle, parametersJson, requestFingerprint, type OpenLifecycle } from '../../src-main/lifecycle';
import type { SecretStore } from '../../src-main/secrets';
import { databaseFileName } from '../../src-main/store';
import { target, type Benchmark, type BenchMetric } from './benchmark';

/** The keychain is not what is measured here: an in-memory SecretStore keeps the bench runnable without a D-Bus session. */
function memorySecrets(): SecretStore {
  const entries = new Map<string, Buffer>();
  return {
    namespace: 'bench',
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => void entries.set(account, Buffer.from(secret)),
    delete: async (account) => entries.delete(account),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

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
 * 10,000 records with certificates in a real SQLite store: one processing tick when nothing is due,
 * and when 1% is due (100 config-change KURs against the in-process lab CA); RSS and store size.
 */
export const benchmark: Benchmark = {
  name: 'lifecycle-scale',
  description: 'processing tick over 10,000 records: idle, and with 1% due (KURs against the lab CA); RSS and store size',
  async run(args) {
    const records = Number(args[0] ?? 10_000);
    const due = Math.max(1, Math.round(records / 100));
    const started = Date.now();
    const dir = await mkdtemp(join(tmpdir(), 'cmp-desk-bench-lifecycle-'));
    const lab = await LabCa.start({ dir: join(dir, 'labca'), paths: [{ path: wellKnownCmpPath, sharedSecrets: { bench: 'bench-secret' }, validitySeconds: 90 * 86_400 }] });
    const dataDir = join(dir, 'data');
    const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined }, secrets: memorySecrets(), concurrency: 16 });
    try {
      await createLabConfiguration(life.store, life.iaks, { rootCertificateDer: lab.store.root.der, cmpUrls: lab.cmpUrls(), reference: 'bench', secret: new Uint8Array(Buffer.from('bench-secret')), renewBeforeExpiryDays: 10, records: due });
      const enrollStart = performance.now();
      life.engine.tick();
      await life.engine.idle();
      const enrollMs = performance.now() - enrollStart;
      const seedStart = performance.now();
      seedRecords(life, records - due);
      const seedMs = performance.now() - seedStart;

      const fullReadStart = performance.now();
      life.engine.tick();
      const fullReadMs = performance.now() - fullReadStart;
      const idle: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t = performance.now();
        const report = life.engine.tick();
        idle.push(performance.now() - t);
        if (report.started !== 0) throw new Error(`the idle tick started ${report.started} transactions`);
      }
      const idleTickMs = median(idle);
      const idleRssMb = process.memoryUsage().rss / 1_048_576;

      const enrolled = life.store.certificateRecords.list().filter((r) => !r.name.startsWith('seeded-'));
      life.store.atomically(() => enrolled.forEach((r) => life.store.certificateRecords.save({ ...r, digest: 'sha384' })));
      const dueStart = performance.now();
      const report = life.engine.tick();
      const dueTickMs = performance.now() - dueStart;
      await life.engine.idle();
      const dueWorkMs = performance.now() - dueStart;
      const renewed = enrolled.filter((r) => life.store.transactions.history(r.id, 1)[0]?.type === 'kur' && life.store.transactions.history(r.id, 1)[0]?.state === 'completed').length;
      if (report.started !== due || renewed !== due) throw new Error(`expected ${due} KURs, the tick started ${report.started} and ${renewed} completed`);

      const rssMb = process.memoryUsage().rss / 1_048_576;
      const storeMb = (await storeBytes(dataDir)) / 1_048_576;
      const metrics: BenchMetric[] = [
        { name: 'idle tick (median of 7, rows reused)', value: idleTickMs, unit: 'ms' },
        { name: 'idle tick after a change (all rows read again)', value: fullReadMs, unit: 'ms' },
        { name: 'main-process RSS when idle', value: idleRssMb, unit: 'MB' },
        { name: `tick decisions with ${due} due`, value: dueTickMs, unit: 'ms' },
        { name: `tick with ${due} KURs until all are in use`, value: dueWorkMs, unit: 'ms' },
        { name: `first tick: ${due} IRs until all are in use`, value: enrollMs, unit: 'ms' },
        { name: `seeding ${records - due} records with certificates`, value: seedMs, unit: 'ms' },
        { name: 'main-process RSS after the 1% KURs', value: rssMb, unit: 'MB' },
        { name: 'store size (db + wal)', value: storeMb, unit: 'MB' },
      ];
      return {
        name: 'lifecycle-scale',
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        parameters: { records, due, concurrency: 16 },
        metrics,
        targets: [target('idle tick: ms below the 50 ms budget', 50 - idleTickMs, 0), target('RSS: MB below the 300 MB budget', 300 - Math.max(idleRssMb, rssMb), 0)],
        notes: [
          'The RSS includes the in-process lab CA that served the KURs and the seeding of 10,000 records through the validated repositories.',
          'A tick after any change reads all records in one SQL query and decides without decoding certificates; otherwise it reuses the rows and skips records that stay quiet until a known time.',
          'Wall-clock figures need an idle machine; compare runs on the same machine.',
        ],
      };
    } finally {
      life.close();
      await lab.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
