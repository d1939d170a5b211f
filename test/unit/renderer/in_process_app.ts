import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { createInProcessTransport, createIpcClient } from '../../../src-shared/ipc/index';
import { composeApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';
import { setIpcClient } from '../../../src-renderer/state/client';
import { initialAppState, useAppStore } from '../../../src-renderer/state/store';

/**
 * The renderer store talking to a real main side (composeApp on a fresh data folder) through the
 * in-process transport, for the whole test file; the store is reset after each test.
 */
export function useInProcessApp(folderPrefix: string): void {
  const dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
  const app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: dataDir }), host: 'in-process' });
  setIpcClient(createIpcClient(createInProcessTransport(app.dispatch, app.events)));
  afterAll(async () => {
    setIpcClient(undefined);
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => useAppStore.setState(initialAppState, true));
}
