import { createPublicKey } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabCa } from '../../src-main/labca';
import { parseCertificateDer, sameSubjectPublicKey } from '../../src-main/pki';
import { openLifecycle } from '../../src-main/lifecycle';
import { openStore } from '../../src-main/store';
import { startLabForRecords } from './lifecycle_harness';
import { seededRandom } from '../unit/fuzz/prng';
import { startTsxChild } from '../support/tsx_child';

const child = join(import.meta.dirname, 'lifecycle_crash_child.ts');

/** Starts the child, resolves once it opened the data folder; `exited` resolves with its exit code or signal. */
function startChild(dataDir: string, mode: 'work' | 'recover') {
  return startTsxChild(child, [dataDir, mode]);
}

describe('lifecycle: SIGKILL at random points, then restart', () => {
  let dir: string;
  let lab: LabCa;
  const dataDir = () => join(dir, 'data');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cmp-desk-crash-'));
    // Each answer takes 20 ms, as over a real network: the client is fast enough that without it most
    // kills would land between transactions instead of inside them.
    lab = await startLabForRecords(dir, dataDir(), 3, { waitingCount: 1, checkAfterSeconds: 0, delayMs: 20 });
  });
  afterAll(async () => {
    await lab?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('loses no key or certificate and brings every record to a valid state, 20 seeded trials', async () => {
    const random = seededRandom(20261122);
    const interrupted: string[] = [];
    for (let trial = 0; trial < 20; trial++) {
      const worker = startChild(dataDir(), 'work');
      await worker.ready;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random.next() * 1500)));
      worker.process.kill('SIGKILL');
      expect(await worker.exited).toBe('SIGKILL');
      const afterKill = openStore(dataDir());
      for (const open of afterKill.transactions.open()) interrupted.push(open.state);
      afterKill.close();

      const recovery = startChild(dataDir(), 'recover');
      expect(await recovery.exited, recovery.stderr()).toBe('0');

      const life = await openLifecycle({ dataDir: dataDir(), notifier: { notify: () => undefined } });
      try {
        expect(life.store.database.integrityCheck()).toEqual([]);
        expect(life.store.transactions.open()).toEqual([]);
        const issuedAtCa = new Set(lab.admin.certificates().filter((c) => c.state === 'issued').map((c) => c.serialHex.toLowerCase()));
        const ours = new Set<string>();
        for (const record of life.store.certificateRecords.list()) {
          const current = life.store.certificates.current(record.id);
          expect(current, `trial ${trial}: ${record.name} has a certificate (${JSON.stringify(life.store.lifecycle.recordState(record.id))} ${JSON.stringify(life.store.transactions.history(record.id, 3).map((t) => [t.type, t.state, t.lastError]))})`).not.toBeNull();
          expect(Date.parse(current!.notAfter)).toBeGreaterThan(Date.now());
          const key = life.vault.load(current!.privateKeyId!, record.name);
          const certificate = parseCertificateDer(new Uint8Array(Buffer.from(current!.certificateDer, 'base64')));
          expect(sameSubjectPublicKey(certificate.publicKey, createPublicKey(key.privateKey))).toBe(true);
          for (const version of life.store.certificates.history(record.id)) ours.add(version.serialNumber);
        }
        // Every certificate the CA counts as issued (confirmed) is one we hold: none lost, none issued twice behind our back.
        expect([...issuedAtCa].filter((serial) => !ours.has(serial))).toEqual([]);
      } finally {
        life.close();
      }
    }
    // The kills did land inside transactions, in more than one state.
    expect(interrupted.length).toBeGreaterThanOrEqual(10);
    expect(new Set(interrupted).size).toBeGreaterThanOrEqual(2);
  }, 600_000);
});
