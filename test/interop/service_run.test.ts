import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabCa } from '../../src-main/labca';
import { createLabConfiguration, openLifecycle } from '../../src-main/lifecycle';
import { openStore } from '../../src-main/store';
import { databaseFileName } from '../../src-main/store/database';
import { parsePrometheusText } from '../support/prometheus_parse';
import { freePort } from '../support/ports';
import { startCli } from './helpers/service_process';

const labPath = '/.well-known/cmp';
const reference = 'service-ref';
const secret = 'service-initial-authentication-key';
const records = 3;

let root: string;
let lab: LabCa;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cmp-desk-service-'));
  lab = await LabCa.start({ dir: join(root, 'labca'), paths: [{ path: labPath, sharedSecrets: { [reference]: secret }, validitySeconds: 30 * 86_400 }] });
});
afterAll(async () => {
  await lab.stop();
  await rm(root, { recursive: true, force: true });
});

/** A data folder with a complete profile chain against the lab CA and `records` records without certificates. */
async function dataFolder(name: string): Promise<string> {
  const dataDir = join(root, name);
  const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined } });
  try {
    await createLabConfiguration(life.store, life.iaks, { rootCertificateDer: lab.store.root.der, cmpUrls: lab.cmpUrls(), reference, secret: new Uint8Array(Buffer.from(secret)), renewBeforeExpiryDays: 7, records });
  } finally {
    life.close();
  }
  return dataDir;
}

/** Resolves once a transaction is journaled as requested: the request is on the wire, the CA is holding its answer. */
async function exchangeInFlight(dataDir: string): Promise<void> {
  const db = new Database(join(dataDir, databaseFileName), { readonly: true, fileMustExist: true });
  try {
    for (let i = 0; i < 300; i++) {
      const { n } = db.prepare("SELECT count(*) AS n FROM transactions WHERE state = 'requested'").get() as { n: number };
      if (n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('no exchange went in flight within 30 s');
  } finally {
    db.close();
  }
}

/** What the data folder holds when no process has it open: every record's certificate and open transaction. */
function inventory(dataDir: string) {
  const store = openStore(dataDir);
  try {
    return store.certificateRecords.list().map((r) => ({ name: r.name, current: store.certificates.current(r.id)?.serialNumber ?? null, open: store.transactions.openForRecord(r.id)?.state ?? null }));
  } finally {
    store.close();
  }
}

describe('cmp-desk run as a service (child process, lab CA with a delay)', () => {
  it('SIGTERM mid-exchange finishes the exchange, exits 0, and a restart loses nothing; the lock refuses a second scheduler; metrics parse', async () => {
    const dataDir = await dataFolder('graceful');
    lab.admin.setKnobs(labPath, { appliesTo: ['ir'], delayMs: 12_000 });
    const metricsPort = await freePort();
    const service = startCli(['--data-dir', dataDir, 'run', '--metrics', `127.0.0.1:${metricsPort}`]);
    await service.waitForLine((l) => typeof l.metricsUrl === 'string', 'the metrics server');
    await exchangeInFlight(dataDir);

    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const metrics = parsePrometheusText(await scraped.text());
    const byState = metrics.samples.filter((s) => s.name === 'cmp_desk_records');
    expect(byState.reduce((sum, s) => sum + s.value, 0)).toBe(records);
    expect(metrics.value('cmp_desk_records', { state: 'renewing' })).toBeGreaterThan(0);

    // A second scheduler on the same folder is refused, naming the holder: one tick and another service.
    const once = startCli(['--data-dir', dataDir, 'run', '--once']);
    const second = startCli(['--data-dir', dataDir, 'run']);
    expect(await once.exited).toBe(3);
    expect(once.stderr.join('\n')).toContain(`already runs in the cmp-desk service (pid ${service.child.pid}`);
    expect(await second.exited).toBe(3);
    expect(second.lines.find((l) => l.level === 'error')).toMatchObject({ source: 'service', holderPid: service.child.pid, holderKind: 'service' });

    service.child.kill('SIGTERM');
    const stopping = await service.waitForLine((l) => typeof l.message === 'string' && l.message.includes('starting no new work'), 'the graceful stop');
    expect(stopping.inFlight).toBeGreaterThan(0);
    expect(await service.exited).toBe(0);
    expect(service.lines.some((l) => l.message === 'every exchange in flight finished')).toBe(true);
    const issuedBefore = lab.admin.certificates().length;
    const afterStop = inventory(dataDir);
    expect(afterStop.filter((r) => r.current !== null).length).toBeGreaterThan(0);
    expect(afterStop.filter((r) => r.open === 'requested' || r.open === 'confirming')).toEqual([]);

    lab.admin.setKnobs(labPath, {});
    const restarted = startCli(['--data-dir', dataDir, 'run', '--until-idle']);
    expect(await restarted.exited).toBe(0);
    const final = inventory(dataDir);
    expect(final.every((r) => r.current !== null && r.open === null)).toBe(true);
    // Every certificate the CA issued before the stop is the one the record holds: none was lost.
    for (const r of afterStop.filter((x) => x.current !== null)) expect(final.find((f) => f.name === r.name)?.current).toBe(r.current);
    expect(lab.admin.certificates().length).toBe(issuedBefore + afterStop.filter((r) => r.current === null).length);
  });

  it('after a tick that issued every certificate, /metrics carries all four families from the running service', async () => {
    const dataDir = await dataFolder('metrics');
    lab.admin.setKnobs(labPath, {});
    const metricsPort = await freePort();
    const service = startCli(['--data-dir', dataDir, 'run', '--metrics', `127.0.0.1:${metricsPort}`]);
    const tick = await service.waitForLine((l) => typeof l.message === 'string' && l.message.startsWith('tick finished in'), 'the first tick to finish');

    const metrics = parsePrometheusText(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
    expect(metrics.value('cmp_desk_records', { state: 'valid' })).toBe(records);
    expect(metrics.value('cmp_desk_transactions_total', { type: 'ir', outcome: 'issued' })).toBe(records);
    // The lab CA issues for 30 days: the earliest expiry is a little under that from now.
    const earliest = metrics.value('cmp_desk_earliest_expiry_seconds')!;
    expect(earliest).toBeGreaterThan(29 * 86_400);
    expect(earliest).toBeLessThanOrEqual(30 * 86_400);
    expect(metrics.value('cmp_desk_last_tick_duration_seconds')).toBe((tick.durationMs as number) / 1000);

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });

  it('a second SIGTERM leaves the exchange to the journal (exit 6) and the restart resumes it', async () => {
    const dataDir = await dataFolder('forced');
    lab.admin.setKnobs(labPath, { appliesTo: ['ir'], delayMs: 3000 });
    const service = startCli(['--data-dir', dataDir, 'run']);
    await service.waitForLine((l) => typeof l.message === 'string' && l.message.startsWith('running on'), 'the start');
    await exchangeInFlight(dataDir);
    service.child.kill('SIGTERM');
    await service.waitForLine((l) => typeof l.message === 'string' && l.message.includes('starting no new work'), 'the graceful stop');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(6);
    const interrupted = inventory(dataDir);
    expect(interrupted.some((r) => r.open !== null)).toBe(true);

    lab.admin.setKnobs(labPath, {});
    const restarted = startCli(['--data-dir', dataDir, 'run', '--until-idle']);
    expect(await restarted.exited).toBe(0);
    expect(inventory(dataDir).every((r) => r.current !== null && r.open === null)).toBe(true);
  });

  it('a stop whose --stop-grace runs out leaves the exchange to the journal (exit 6) and the restart resumes it', async () => {
    const dataDir = await dataFolder('grace');
    lab.admin.setKnobs(labPath, { appliesTo: ['ir'], delayMs: 4000 });
    const service = startCli(['--data-dir', dataDir, 'run', '--stop-grace', '0.5']);
    await service.waitForLine((l) => typeof l.message === 'string' && l.message.startsWith('running on'), 'the start');
    await exchangeInFlight(dataDir);
    service.child.kill('SIGTERM');
    await service.waitForLine((l) => typeof l.message === 'string' && l.message.includes('after the grace period'), 'the end of the grace period');
    expect(await service.exited).toBe(6);
    expect(inventory(dataDir).some((r) => r.open !== null)).toBe(true);

    lab.admin.setKnobs(labPath, {});
    const restarted = startCli(['--data-dir', dataDir, 'run', '--until-idle']);
    expect(await restarted.exited).toBe(0);
    expect(inventory(dataDir).every((r) => r.current !== null && r.open === null)).toBe(true);
  });
});
