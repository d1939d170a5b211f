import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessTransport, createIpcClient } from '../../../src-shared/ipc/index';
import { composeApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';
import { ipc, setIpcClient } from '../../../src-renderer/state/client';
import { initialAppState, useAppStore } from '../../../src-renderer/state/store';
import { certificateRecord } from '../store/objects';

const dataDir = mkdtempSync(join(tmpdir(), 'cmp-desk-deploy-folder-ui-'));
const app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: dataDir }), host: 'in-process' });
setIpcClient(createIpcClient(createInProcessTransport(app.dispatch, app.events)));
afterAll(async () => {
  setIpcClient(undefined);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => useAppStore.setState(initialAppState, true));

describe('the record detail\'s deploy folder', () => {
  let recordId: string;
  beforeEach(async () => {
    const saved = await ipc().invoke('records.save', { record: certificateRecord({ id: randomUUID(), deployHooks: [] }) });
    recordId = saved.id;
    await useAppStore.getState().openRecord(recordId);
  });

  it('is saved through main, shown in the reloaded detail, and cleared again', async () => {
    const { saveDeployFolder } = useAppStore.getState();
    expect(await saveDeployFolder('/srv/tls/sbc1')).toBeUndefined();
    expect(useAppStore.getState().detail?.record.deployFolder).toBe('/srv/tls/sbc1');
    expect((await ipc().invoke('records.get', { recordId })).record.deployFolder).toBe('/srv/tls/sbc1');
    expect(await saveDeployFolder(undefined)).toBeUndefined();
    expect(useAppStore.getState().detail?.record).not.toHaveProperty('deployFolder');
  });

  it('comes back with main\'s refusal naming the field, and nothing is stored', async () => {
    const refusal = await useAppStore.getState().saveDeployFolder('certs/sbc1');
    expect(refusal).toContain('deployFolder');
    expect(refusal).toContain('must be an absolute path to a folder');
    expect((await ipc().invoke('records.get', { recordId })).record).not.toHaveProperty('deployFolder');
  });
});
