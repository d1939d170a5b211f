import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { listRecordSummaries, recordSummary } from '../../../src-main/app/handlers/record_summaries';
import { recordViewFromRow } from '../../../src-main/lifecycle/record_view';
import { openStore, type Store } from '../../../src-main/store';
import { certificateRecord, cmpProfile } from '../store/objects';
import { tempDataDir } from '../store/temp_store';

describe('record summaries: the list and one record', () => {
  let dataDir: string;
  let store: Store;
  beforeEach(() => {
    dataDir = tempDataDir();
    store = openStore(dataDir);
  });
  afterEach(() => {
    try {
      expect(store.database.integrityCheck()).toEqual([]);
    } finally {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  function seed() {
    const profile = store.config.cmpProfiles.save(cmpProfile(null, { name: 'sbc-profile' }));
    const cmp = store.certificateRecords.save(certificateRecord({ name: 'b-cmp', managedBy: 'cmp', cmpProfileId: profile.id, purpose: 'ike-interface' }));
    const manual = store.certificateRecords.save(certificateRecord({ name: 'a-manual' }));
    store.lifecycle.setRetry(cmp.id, { retryAt: null, failures: 1, lastError: 'the CA refused' });
    return { cmp, manual };
  }

  it('one record\'s summary is its entry of the list, read by id', () => {
    const { cmp, manual } = seed();
    const now = Date.parse('2026-06-01T00:00:00Z');
    const list = listRecordSummaries(store, now);
    expect(list.map((s) => s.name)).toEqual(['a-manual', 'b-cmp']);
    expect(list[1]).toMatchObject({ id: cmp.id, purpose: 'ike-interface', profileName: 'sbc-profile', status: 'failed', lastError: 'the CA refused' });
    expect(recordSummary(store, cmp.id, now)).toEqual(list[1]);
    expect(recordSummary(store, manual.id, now)).toEqual(list[0]);
    expect(recordSummary(store, 'no-such-record', now)).toBeNull();
  });

  it('uses the engine\'s views when given, and reads a record they miss (saved after the engine\'s read)', () => {
    const { cmp } = seed();
    const now = Date.parse('2026-06-01T00:00:00Z');
    const views = store.lifecycle.tickRows().map(recordViewFromRow).filter((v) => v.recordId === cmp.id);
    // A view the engine read before the retry state was cleared: the list shows what the engine knows.
    const stale = views.map((v) => ({ ...v, open: { transactionRowId: 't', type: 'ir' as const, state: 'waiting' as const, nextPollAt: null, applyMode: 'now' as const } }));
    const list = listRecordSummaries(store, now, stale);
    expect(list.find((s) => s.id === cmp.id)).toMatchObject({ status: 'polling', openTransaction: { type: 'ir', state: 'waiting' } });
    expect(list.find((s) => s.name === 'a-manual')).toMatchObject({ status: 'manual' });
  });
});
