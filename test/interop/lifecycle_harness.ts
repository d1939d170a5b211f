import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Clock } from '../../src-main/cmp/transactions';
import { LabCa, type TestKnobs } from '../../src-main/labca';
import { createLabConfiguration, openLifecycle, type LifecycleNotification, type OpenLifecycle } from '../../src-main/lifecycle';
import { freePort } from '../support/ports';

export const labPath = '/.well-known/cmp';
export const labReference = 'lab-ref';
export const labSecret = 'lab-initial-authentication-key';

/** A clock that follows Date.now() (faked by the test) and moves it forward instead of sleeping. */
export function dateClock(advance: (ms: number) => void): Clock {
  return {
    now: () => Date.now(),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      advance(ms);
    },
  };
}

export interface HarnessOptions {
  records: number;
  validitySeconds: number;
  renewBeforeExpiryDays: number;
  /** Put a server that refuses connections first in the group. */
  deadServerFirst?: boolean;
  knobs?: TestKnobs;
  clock?: Clock;
}

export interface Harness {
  dir: string;
  lab: LabCa;
  life: OpenLifecycle;
  notifications: LifecycleNotification[];
  setKnobs(knobs: TestKnobs): void;
  /** Stops everything and removes the folder; fails the test if the database does not pass PRAGMA integrity_check. */
  close(): Promise<void>;
}

/** A lab CA in-process, a data folder with real SQLite in a temp dir, the real keychain, a complete profile chain. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'cmp-desk-lifecycle-'));
  const lab = await LabCa.start({ dir: join(dir, 'labca'), paths: [{ path: labPath, sharedSecrets: { [labReference]: labSecret }, validitySeconds: options.validitySeconds, knobs: options.knobs }] });
  const notifications: LifecycleNotification[] = [];
  const life = await openLifecycle({ dataDir: join(dir, 'data'), notifier: { notify: (n) => notifications.push(n) }, clock: options.clock });
  const urls = lab.cmpUrls();
  if (options.deadServerFirst) urls.unshift(`http://127.0.0.1:${await freePort()}${labPath}`);
  await createLabConfiguration(life.store, life.iaks, {
    rootCertificateDer: lab.store.root.der,
    cmpUrls: urls,
    reference: labReference,
    secret: new Uint8Array(Buffer.from(labSecret)),
    renewBeforeExpiryDays: options.renewBeforeExpiryDays,
    records: options.records,
  });
  return {
    dir,
    lab,
    life,
    notifications,
    setKnobs: (knobs) => lab.admin.setKnobs(labPath, knobs),
    async close() {
      let problems: string[];
      try {
        problems = life.store.database.integrityCheck();
      } finally {
        life.close();
        await lab.stop();
        await rm(dir, { recursive: true, force: true });
      }
      expect(problems, 'PRAGMA integrity_check of the data folder').toEqual([]);
    },
  };
}

/** Settings for simulated time: a KUR window at night and a processing tick every `intervalMinutes`. */
export function setGlobalConfig(h: Harness, changes: Partial<ReturnType<Harness['life']['store']['config']['globalConfig']['get']>>): void {
  const config = h.life.store.config.globalConfig;
  config.update({ ...config.get(), ...changes });
}

/** A TLS profile that presents the record's certificate (mutual authentication), to watch references move. */
export function presentInTlsProfile(h: Harness, recordId: string, name = 'mutual-tls'): string {
  const anchor = h.life.store.config.trustAnchors.list()[0];
  return h.life.store.config.tlsProfiles.save({
    id: crypto.randomUUID(),
    name,
    trustedCaIds: [anchor.id],
    mutualAuthentication: true,
    clientCertificateRecordId: recordId,
    minimumTlsVersion: 'TLSv1.2',
    verifyHostName: true,
  }).id;
}

/**
 * A lab CA in `dir`/labca and a data folder `dataDir` configured for it with `records` records (the
 * crash suites' starting point); the lifecycle is closed again, so child processes can open it.
 */
export async function startLabForRecords(dir: string, dataDir: string, records: number, knobs?: TestKnobs): Promise<LabCa> {
  const lab = await LabCa.start({ dir: join(dir, 'labca'), paths: [{ path: labPath, sharedSecrets: { [labReference]: labSecret }, validitySeconds: 30 * 86_400, knobs }] });
  const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined } });
  await createLabConfiguration(life.store, life.iaks, {
    rootCertificateDer: lab.store.root.der,
    cmpUrls: lab.cmpUrls(),
    reference: labReference,
    secret: new Uint8Array(Buffer.from(labSecret)),
    renewBeforeExpiryDays: 5,
    records,
  });
  life.close();
  return lab;
}
