import { createPublicKey } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabCa } from '../../src-main/labca';
import { createLabConfiguration, openLifecycle } from '../../src-main/lifecycle';
import { parseCertificateDer, sameSubjectPublicKey } from '../../src-main/pki';
import { openStore } from '../../src-main/store';
import { labPath, labReference, labSecret } from './lifecycle_harness';
import { startTsxChild } from '../support/tsx_child';

/** mulberry32: the kill points are random but the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    lab = await LabCa.start({ dir: join(dir, 'labca'), paths: [{ path: labPath, sharedSecrets: { [labReference]: labSecret }, validitySeconds: 30 * 86_400, knobs: { waitingCount: 1, checkAfterSeconds: 0 } }] });
    const life = await openLifecycle({ dataDir: dataDir(), notifier: { notify: () => undefined } });
    await createLabConfiguration(life.store, life.iaks, {
      rootCertificateDer: lab.store.root.der,
      cmpUrls: lab.cmpUrls(),
      reference: labReference,
      secret: new Uint8Array(Buffer.from(labSecret)),
      renewBeforeExpiryDays: 5,
      records: 3,
    });
    life.close();
  });
  afterAll(async () => {
    await lab?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('loses no key or certificate and brings every record to a valid state, 20 seeded trials', async () => {
    const random = seeded(20261122);
    const interrupted: string[] = [];
    for (let trial = 0; trial < 20; trial++) {
      const worker = startChild(dataDir(), 'work');
      await worker.ready;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 1500)));
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
