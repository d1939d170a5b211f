import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src-main/store';
import { certificateRecord, transaction } from './objects';
import { tempDataDir } from './temp_store';

describe('openStore', () => {
  let dataDir: string;
  let store: Store;
  beforeEach(() => {
    dataDir = tempDataDir();
    store = openStore(dataDir);
  });
  afterEach(() => {
    if (store.database.connection.open) {
      expect(store.database.integrityCheck()).toEqual([]);
      store.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('wires every repository to one database and exposes the keychain namespace', () => {
    expect(store.keychainNamespace).toMatch(/^df-[0-9a-f]{32}$/);
    const record = store.certificateRecords.save(certificateRecord());
    store.transactions.begin(transaction(record.id));
    expect(store.transactions.openForRecord(record.id)?.recordId).toBe(record.id);
    expect(store.audit.list({ objectId: record.id })).toHaveLength(1);
  });

  it('commits all of an atomic unit of work or none of it', () => {
    const record = certificateRecord();
    expect(() =>
      store.atomically(() => {
        store.certificateRecords.save(record);
        store.statistics.count(record.id, 'ir', 'accepted');
        throw new Error('crash half way');
      }),
    ).toThrow('crash half way');
    expect(store.certificateRecords.get(record.id)).toBeNull();
    expect(store.statistics.list()).toEqual([]);
    expect(store.audit.list()).toEqual([]);
  });
});
