import { readFile } from 'node:fs/promises';
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
});
