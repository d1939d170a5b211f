import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ipc } from '../../../src-renderer/state/client';
import { useAppStore } from '../../../src-renderer/state/store';
import { useInProcessApp } from './in_process_app';
import { certificateRecord } from '../store/objects';

useInProcessApp('cmp-desk-deploy-folder-ui-');

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
