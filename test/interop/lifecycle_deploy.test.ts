import { chmod, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LifecycleScheduler } from '../../src-main/lifecycle';
import { parseCertificate } from '../../src-main/pki';
import { startHarness, type Harness } from './lifecycle_harness';

describe('lifecycle against the lab CA: deploy hooks and notifications', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('deploys the new certificate after each renewal and reports a failed hook without losing the certificate', async () => {
    h = await startHarness({ records: 1, validitySeconds: 30 * 86_400, renewBeforeExpiryDays: 5 });
    const { store, engine } = h.life;
    const record = store.certificateRecords.list()[0];
    const copy = join(h.dir, 'deployed-cert.pem');
    store.certificateRecords.save({ ...record, deployHooks: [{ command: '/bin/sh', args: ['-c', `cp "$CMP_DESK_CERT_FILE" ${copy}`] }, { command: '/bin/false', args: [] }] });
    await new LifecycleScheduler(engine).runOnce();
    const current = store.certificates.current(record.id)!;
    const deployed = parseCertificate(await readFile(copy, 'utf8'));
    expect(deployed.serialHex.toLowerCase()).toBe(current.serialNumber);
    const keyFile = join(h.dir, 'data', 'deploy', record.name, 'key.pem');
    expect(await readFile(keyFile, 'utf8')).toContain('PRIVATE KEY');
    expect(h.notifications.filter((n) => n.kind === 'deploy-failed').map((n) => n.message)).toEqual([expect.stringContaining('/bin/false')]);
    expect(store.audit.list({ objectKind: 'certificate-record', objectId: record.id }).some((e) => e.type === 'failed' && e.message.includes('/bin/false'))).toBe(true);

    await engine.forceRenew(record.id, { applyNow: true });
    const renewed = store.certificates.current(record.id)!;
    expect(renewed.id).not.toBe(current.id);
    expect(parseCertificate(await readFile(copy, 'utf8')).serialHex.toLowerCase()).toBe(renewed.serialNumber);
  });

  it('writes files only (no command) into the folder the record names, 0700 with a 0600 key, after each renewal', async () => {
    h = await startHarness({ records: 1, validitySeconds: 30 * 86_400, renewBeforeExpiryDays: 5 });
    const { store, engine } = h.life;
    const record = store.certificateRecords.list()[0];
    const folder = join(h.dir, 'devices', 'sbc1');
    store.certificateRecords.save({ ...record, deployHooks: [], deployFolder: folder });
    await new LifecycleScheduler(engine).runOnce();
    const first = store.certificates.current(record.id)!;
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await readdir(folder)).sort()).toEqual(['cert.pem', 'chain.pem', 'fullchain.pem', 'key.pem']);
    expect((await stat(join(folder, 'key.pem'))).mode & 0o777).toBe(0o600);
    expect(parseCertificate(await readFile(join(folder, 'cert.pem'), 'utf8')).serialHex.toLowerCase()).toBe(first.serialNumber);
    expect(await readFile(join(folder, 'chain.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
    const key = createPrivateKey(await readFile(join(folder, 'key.pem'), 'utf8'));
    expect(new X509Certificate(await readFile(join(folder, 'cert.pem'))).checkPrivateKey(key)).toBe(true);

    await engine.forceRenew(record.id, { applyNow: true });
    const renewed = store.certificates.current(record.id)!;
    expect(renewed.serialNumber).not.toBe(first.serialNumber);
    expect(parseCertificate(await readFile(join(folder, 'cert.pem'), 'utf8')).serialHex.toLowerCase()).toBe(renewed.serialNumber);
    expect(await readdir(join(h.dir, 'data'))).not.toContain('deploy');
    expect(h.notifications.filter((n) => n.kind === 'deploy-failed')).toEqual([]);
  });

  it('refuses a world-writable folder: the failure is an audit event and a notification, the certificate is in use and stored', async () => {
    h = await startHarness({ records: 1, validitySeconds: 30 * 86_400, renewBeforeExpiryDays: 5 });
    const { store, engine } = h.life;
    const record = store.certificateRecords.list()[0];
    const folder = join(h.dir, 'shared');
    await mkdir(folder);
    await chmod(folder, 0o777);
    store.certificateRecords.save({ ...record, deployHooks: [], deployFolder: folder });
    await new LifecycleScheduler(engine).runOnce();
    const current = store.certificates.current(record.id)!;
    expect(current.status).toBe('current');
    expect(store.transactions.history(record.id, 1)[0]).toMatchObject({ type: 'ir', state: 'completed' });
    expect(await readdir(folder)).toEqual([]);
    const failed = store.audit.list({ objectKind: 'certificate-record', objectId: record.id }).filter((e) => e.type === 'failed');
    expect(failed.map((e) => e.message)).toEqual([expect.stringContaining(`deploy folder ${folder} may be written by its group and everyone (mode 0777)`)]);
    expect(h.notifications.filter((n) => n.kind === 'deploy-failed').map((n) => n.message)).toEqual([expect.stringContaining('The certificate is in use and stored.')]);
  });
});
