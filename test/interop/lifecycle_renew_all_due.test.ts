import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../src-shared/ipc/index';
import { EngineLifecycle } from '../../src-main/app/handlers/engine_lifecycle';
import { AppLogger } from '../../src-main/app/logger';
import { LabCa } from '../../src-main/labca';
import { createLabConfiguration, LifecycleScheduler, openLifecycle } from '../../src-main/lifecycle';
import { labPath, labReference, labSecret } from './lifecycle_harness';

const day = 86_400;

/**
 * The tray's "Renew all due now" (EngineLifecycle.renewAllDue through the BackgroundEngine) on the
 * desktop app's own engine: real data folder, OS keychain, CmpEnroller, against the lab CA.
 */
describe('"Renew all due now" against the lab CA', () => {
  let dir: string;
  let lab: LabCa;
  let serialsBefore: Map<string, string>;
  let dueNames: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cmp-desk-renew-all-due-'));
    lab = await LabCa.start({ dir: join(dir, 'labca'), paths: [{ path: labPath, sharedSecrets: { [labReference]: labSecret }, validitySeconds: 30 * day }] });
    // Four records enrolled with 30-day certificates; lab-3 and lab-4 then renewed with 10-day ones.
    const life = await openLifecycle({ dataDir: join(dir, 'data'), notifier: { notify: () => undefined } });
    try {
      const { profile, records } = await createLabConfiguration(life.store, life.iaks, {
        rootCertificateDer: lab.store.root.der, cmpUrls: lab.cmpUrls(), reference: labReference, secret: new Uint8Array(Buffer.from(labSecret)), renewBeforeExpiryDays: 5, records: 4,
      });
      await new LifecycleScheduler(life.engine).runUntilIdle();
      lab.admin.setValiditySeconds(labPath, 10 * day);
      for (const record of records.slice(2)) await life.engine.forceRenew(record.id, { applyNow: true });
      lab.admin.setValiditySeconds(labPath, 30 * day);
      // Renew 20 days before expiry: the 10-day certificates are due, the 30-day ones are not (and 30 days is long enough to accept).
      life.store.config.cmpProfiles.save({ ...profile, renewBeforeExpiryDays: 20 });
      serialsBefore = new Map(records.map((r) => [r.name, life.store.certificates.current(r.id)!.serialNumber]));
      dueNames = life.engine.plan().filter(({ decision }) => decision.action.kind === 'enroll').map(({ view }) => view.name);
    } finally {
      life.close();
    }
  });

  afterAll(async () => {
    await lab?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renews exactly the due records (new serials by KUR) and leaves the others alone', async () => {
    expect(dueNames).toEqual(['lab-3', 'lab-4']);
    const lifecycle = new EngineLifecycle(join(dir, 'data'), new AppLogger(join(dir, 'logs'), new EventHub(() => undefined)));
    const engine = lifecycle.background();
    // No processing tick: whatever is renewed, "Renew all due now" renewed it.
    engine.setPaused(true);
    try {
      await engine.started();
      expect(engine.status()).toEqual({ state: 'running' });
      expect(engine.counts()).toEqual({ valid: 2, due: 2, failing: 0 });

      expect(await engine.renewAllDue()).toBe(2);
      await engine.idle();
      expect(engine.counts()).toEqual({ valid: 4, due: 0, failing: 0 });
    } finally {
      await lifecycle.close();
    }

    const life = await openLifecycle({ dataDir: join(dir, 'data'), notifier: { notify: () => undefined } });
    try {
      for (const record of life.store.certificateRecords.list()) {
        const current = life.store.certificates.current(record.id)!;
        const [latest] = life.store.transactions.history(record.id, 1);
        if (dueNames.includes(record.name)) {
          expect(current.serialNumber, record.name).not.toBe(serialsBefore.get(record.name));
          expect(current.origin).toBe('kur');
          expect(latest).toMatchObject({ type: 'kur', trigger: 'force-renew', state: 'completed' });
          expect(lab.admin.certificates().find((c) => c.serialHex.toLowerCase() === current.serialNumber.toLowerCase())).toMatchObject({ state: 'issued', confirmed: true });
        } else {
          expect(current.serialNumber, record.name).toBe(serialsBefore.get(record.name));
          expect(latest).toMatchObject({ type: 'ir', state: 'completed' });
        }
      }
    } finally {
      life.close();
    }
  });
});
