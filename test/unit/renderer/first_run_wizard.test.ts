import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createInProcessTransport, createIpcClient } from '../../../src-shared/ipc/index';
import { composeApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';
import { setIpcClient } from '../../../src-renderer/state/client';
import { initialAppState, useAppStore } from '../../../src-renderer/state/store';

// An empty data folder: no certificate records, so main answers "not configured" (first run).
const dataDir = mkdtempSync(join(tmpdir(), 'cmp-desk-first-run-'));
const app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: dataDir }), host: 'in-process' });
setIpcClient(createIpcClient(createInProcessTransport(app.dispatch, app.events)));
afterAll(async () => {
  setIpcClient(undefined);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => useAppStore.setState(initialAppState, true));

describe('the first-run wizard', () => {
  it('opens by itself while the admin has not chosen a section', async () => {
    await useAppStore.getState().loadWizard();
    expect(useAppStore.getState()).toMatchObject({ section: 'dashboard', wizardOpen: true });
    expect(useAppStore.getState().draft?.step).toBe(1);
  });

  it('does not replace a section the admin chose while main was still answering', async () => {
    const answered = useAppStore.getState().loadWizard();
    useAppStore.getState().showSection('servers');
    await answered;
    expect(useAppStore.getState()).toMatchObject({ section: 'servers', sectionChosen: true, wizardOpen: false });
  });
});
