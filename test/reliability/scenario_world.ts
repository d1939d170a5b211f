import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { CmpServer } from '../../src-shared/domain';
import { LabCa, type TestKnobs } from '../../src-main/labca';
import { createLabConfiguration, LifecycleScheduler, openLifecycle, recordStatuses, type OpenLifecycle } from '../../src-main/lifecycle';
import { parseCertificate } from '../../src-main/pki';
import { createTestPki, type TestPki } from '../support/test_pki';
import { startTlsTerminator, type TlsTerminator } from '../support/tls_terminator';
import { dateClock, labPath, labReference, labSecret } from '../interop/lifecycle_harness';

/** What every scenario shares: one lab CA, one TLS PKI and two nginx terminators in front of the CA. */
export interface World {
  dir: string;
  lab: LabCa;
  labUrl: string;
  tlsPki: TestPki;
  /** nginx with a certificate for localhost/127.0.0.1 from tlsPki. */
  tls: TlsTerminator;
  /** nginx with a certificate for another host name from tlsPki. */
  tlsWrongHost: TlsTerminator;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'cmp-desk-faults-'));
  const lab = await LabCa.start({ dir: join(dir, 'labca'), paths: [{ path: labPath, sharedSecrets: { [labReference]: labSecret }, validitySeconds: 30 * 86_400 }] });
  const labUrl = lab.cmpUrls()[0];
  const backendPort = Number(new URL(labUrl).port);
  const tlsPki = await createTestPki({ name: 'faults' });
  const tls = await startTlsTerminator({ backendPort, certChain: tlsPki.server.chain, key: tlsPki.server.key });
  const tlsWrongHost = await startTlsTerminator({ backendPort, certChain: tlsPki.wrongHost.chain, key: tlsPki.wrongHost.key });
  return {
    dir, lab, labUrl, tlsPki, tls, tlsWrongHost,
    async close() {
      await Promise.all([tls.stop(), tlsWrongHost.stop()]);
      await lab.stop();
      await tlsPki.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One scenario's data folder and engine, with simulated time (Date only; sockets keep real timeouts). */
export interface Stage {
  world: World;
  life: OpenLifecycle;
  scheduler: LifecycleScheduler;
  recordId: string;
  tick(): Promise<void>;
  advance(ms: number): void;
  setKnobs(knobs: TestKnobs): void;
  servers(): CmpServer[];
  updateServer(index: number, changes: Partial<CmpServer>): void;
  /** Imports a PEM certificate as a trust anchor and returns its id. */
  addTrustAnchor(pem: string, name: string): string;
  observe(): { state: string; message: string | null; audit: string };
  close(): Promise<void>;
}

export interface StageOptions {
  urls: string[];
  renewBeforeExpiryDays?: number;
}

export async function openStage(world: World, options: StageOptions): Promise<Stage> {
  vi.useFakeTimers({ toFake: ['Date'] });
  const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
  const dataDir = await mkdtemp(join(world.dir, 'data-'));
  const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined }, clock: dateClock(advance) });
  const { records } = await createLabConfiguration(life.store, life.iaks, {
    rootCertificateDer: world.lab.store.root.der,
    cmpUrls: options.urls,
    reference: labReference,
    secret: new Uint8Array(Buffer.from(labSecret)),
    renewBeforeExpiryDays: options.renewBeforeExpiryDays ?? 5,
    records: 1,
  });
  const scheduler = new LifecycleScheduler(life.engine);
  const config = life.store.config;
  return {
    world, life, scheduler, recordId: records[0].id,
    tick: async () => {
      await scheduler.runOnce();
    },
    advance,
    setKnobs: (knobs) => world.lab.admin.setKnobs(labPath, knobs),
    servers: () => config.cmpServers.list().sort((a, b) => a.name.localeCompare(b.name)),
    updateServer(index, changes) {
      const server = config.cmpServers.list().sort((a, b) => a.name.localeCompare(b.name))[index];
      config.cmpServers.save({ ...server, ...changes });
    },
    addTrustAnchor(pem, name) {
      const certificate = parseCertificate(pem);
      return config.trustAnchors.save({
        id: randomUUID(),
        name,
        certificateDer: Buffer.from(certificate.der).toString('base64'),
        sha256Fingerprint: createHash('sha256').update(certificate.der).digest('hex'),
        subject: certificate.subject,
        notAfter: certificate.notAfter.toISOString(),
        importedAt: new Date().toISOString(),
      }).id;
    },
    observe() {
      const [status] = recordStatuses(life.store, life.engine.plan(), Date.now());
      const [event] = life.store.audit.list({ newestFirst: true, limit: 1 });
      return { state: status.state, message: status.lastError, audit: event ? `${event.type}: ${event.message}` : '(none)' };
    },
    async close() {
      world.lab.admin.setKnobs(labPath, {});
      life.close();
      vi.useRealTimers();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
