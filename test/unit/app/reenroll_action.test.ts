import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessTransport, createIpcClient, type TransactionProgress } from '../../../src-shared/ipc/index';
import { composeApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';
import { saveFailingRecord } from './failing_record';

const root = mkdtempSync(join(tmpdir(), 'cmp-desk-reenroll-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('records.reenroll', () => {
  it('starts an IR through the engine instead of refusing', async () => {
    const app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: join(root, 'data') }), host: 'in-process' });
    const client = createIpcClient(createInProcessTransport(app.dispatch, app.events));
    const recordId = await saveFailingRecord(client);
    await app.backgroundEngine.idle();
    const finished: TransactionProgress[] = [];
    client.on('transactions.progress', (progress) => {
      if (progress.final) finished.push(progress);
    });
    const outcome = await client.invoke('records.reenroll', { recordId });
    expect(outcome.message).toMatch(/^Re-enrollment \(IR\) started/);
    await app.backgroundEngine.idle();
    // The enroller ran an IR for the record (it fails: nothing listens at the server's port).
    expect(finished).toEqual([expect.objectContaining({ recordId, type: 'ir', step: 'failed' })]);
    await app.close();
  });
});
