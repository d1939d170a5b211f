import { createPublicKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabCa } from '../../src-main/labca';
import { parseCertificateDer, sameSubjectPublicKey } from '../../src-main/pki';
import { openLifecycle } from '../../src-main/lifecycle';
import { openStore } from '../../src-main/store';
import { startLabForRecords } from '../interop/lifecycle_harness';
import { seededRandom, SOAK } from '../unit/fuzz/prng';
import { startTsxChild } from '../support/tsx_child';

/** 50 trials in the full variant (npm run soak), 5 in npm test; the kill moments follow the seed. */
const TRIALS = SOAK ? 50 : 5;
const RECORDS = 300;
const SEED = Number(process.env.CMP_DESK_CRASH_SEED ?? 20_261_122);
const child = join(import.meta.dirname, 'crash_child.ts');

function startChild(dataDir: string, mode: 'work' | 'recover', seed = 0) {
  return startTsxChild(child, [dataDir, mode, String(seed)]);
}

interface TrialReport {
  trial: number;
  killAfterMs: number;
  /** Transactions open at the moment of the kill, by state. */
  interrupted: Record<string, number>;
  integrity: string;
  recordsValid: number;
  caIssued: number;
  caConfirmed: number;
  unknownToApp: number;
  duplicateSerials: number;
  missingKeys: number;
}

describe(`crash trials: SIGKILL of an engine child with ${RECORDS} records, restart, repeat (${TRIALS} trials, seed ${SEED})`, () => {
  let dir: string;
  let lab: LabCa;
  const dataDir = () => join(dir, 'data');
  const reports: TrialReport[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cmp-desk-crash-trials-'));
    lab = await startLabForRecords(dir, dataDir(), RECORDS);
  });

  /** Written after every trial, so a long full run that is cut short still leaves its counts. */
  function writeReport(): string {
    const results = join(import.meta.dirname, '../../bench-results');
    mkdirSync(results, { recursive: true });
    const totals = {
      trials: reports.length,
      records: RECORDS,
      seed: SEED,
      interrupted: reports.reduce((sum, r) => sum + Object.values(r.interrupted).reduce((a, b) => a + b, 0), 0),
      integrityFailures: reports.filter((r) => r.integrity !== 'ok').length,
      recordsNotValid: reports.reduce((sum, r) => sum + (RECORDS - r.recordsValid), 0),
      unknownToApp: reports.reduce((sum, r) => sum + r.unknownToApp, 0),
      duplicateSerials: reports.reduce((sum, r) => sum + r.duplicateSerials, 0),
      missingKeys: reports.reduce((sum, r) => sum + r.missingKeys, 0),
      caIssuedAtEnd: reports.at(-1)?.caIssued ?? 0,
    };
    writeFileSync(join(results, 'reliability-crash.json'), `${JSON.stringify({ variant: SOAK ? 'full' : 'fast', writtenAt: new Date().toISOString(), totals, trials: reports }, null, 2)}\n`);
    const lines = [
      'trial  kill ms  interrupted (by state)                     integrity  valid  CA issued  unknown  duplicates  missing keys',
      ...reports.map((r) => `${String(r.trial).padStart(5)}  ${String(r.killAfterMs).padStart(7)}  ${(Object.entries(r.interrupted).map(([s, n]) => `${s}:${n}`).join(' ') || '-').padEnd(41)}  ${r.integrity.padEnd(9)}  ${String(r.recordsValid).padStart(5)}  ${String(r.caIssued).padStart(9)}  ${String(r.unknownToApp).padStart(7)}  ${String(r.duplicateSerials).padStart(10)}  ${String(r.missingKeys).padStart(12)}`),
      `totals: ${JSON.stringify(totals)}`,
    ];
    writeFileSync(join(results, 'reliability-crash.txt'), `${lines.join('\n')}\n`);
    return lines.join('\n');
  }

  afterAll(async () => {
    await lab?.stop();
    await rm(dir, { recursive: true, force: true });
    process.stdout.write(`${writeReport()}\n`);
  });

  it('after every kill and restart: integrity ok, every record valid, every CA certificate known once, no key missing', async () => {
    const random = seededRandom(SEED);
    for (let trial = 0; trial < TRIALS; trial++) {
      const worker = startChild(dataDir(), 'work', SEED + trial);
      await worker.ready;
      const killAfterMs = 200 + random.below(3_000);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      worker.process.kill('SIGKILL');
      expect(await worker.exited, `trial ${trial}: the engine child ended before the kill: ${worker.stderr()}`).toBe('SIGKILL');
      const afterKill = openStore(dataDir());
      const interrupted: Record<string, number> = {};
      for (const open of afterKill.transactions.open()) interrupted[open.state] = (interrupted[open.state] ?? 0) + 1;
      afterKill.close();

      const recovery = startChild(dataDir(), 'recover');
      expect(await recovery.exited, recovery.stderr()).toBe('0');

      const life = await openLifecycle({ dataDir: dataDir(), notifier: { notify: () => undefined } });
      try {
        const problems = life.store.database.integrityCheck();
        let recordsValid = 0;
        let missingKeys = 0;
        const ours: string[] = [];
        for (const record of life.store.certificateRecords.list()) {
          for (const version of life.store.certificates.history(record.id)) ours.push(version.serialNumber.toLowerCase());
          const current = life.store.certificates.current(record.id);
          if (!current || Date.parse(current.notAfter) <= Date.now()) continue;
          try {
            const key = life.vault.load(current.privateKeyId!, record.name);
            const certificate = parseCertificateDer(new Uint8Array(Buffer.from(current.certificateDer, 'base64')));
            if (sameSubjectPublicKey(certificate.publicKey, createPublicKey(key.privateKey))) recordsValid++;
            else missingKeys++;
          } catch {
            missingKeys++;
          }
        }
        const atCa = lab.admin.certificates();
        const confirmedAtCa = atCa.filter((c) => c.state === 'issued' && c.confirmed).map((c) => c.serialHex.toLowerCase());
        const known = new Set(ours);
        const report: TrialReport = {
          trial,
          killAfterMs,
          interrupted,
          integrity: problems.length === 0 ? 'ok' : problems.join('; '),
          recordsValid,
          caIssued: atCa.length,
          caConfirmed: confirmedAtCa.length,
          unknownToApp: confirmedAtCa.filter((serial) => !known.has(serial)).length,
          duplicateSerials: ours.length - known.size,
          missingKeys,
        };
        reports.push(report);
        writeReport();
        expect(life.store.transactions.open()).toEqual([]);
        expect(report).toMatchObject({ integrity: 'ok', recordsValid: RECORDS, unknownToApp: 0, duplicateSerials: 0, missingKeys: 0 });
      } finally {
        life.close();
      }
    }
    // The kills landed inside transactions.
    expect(reports.reduce((sum, r) => sum + Object.keys(r.interrupted).length, 0)).toBeGreaterThan(0);
  }, SOAK ? 7_200_000 : 600_000);
});
