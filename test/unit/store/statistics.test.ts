import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, CertificateRecordsRepository, Statistics } from '../../../src-main/store';
import { certificateRecord } from './objects';
import { useTempDatabase } from './temp_store';

describe('statistics', () => {
  const t = useTempDatabase();
  let statistics: Statistics;
  let records: CertificateRecordsRepository;
  beforeEach(() => {
    statistics = new Statistics(t.db.connection, () => new Date('2026-02-02T02:02:02Z'));
    records = new CertificateRecordsRepository(t.db.connection, new AuditLog(t.db.connection));
  });

  it('counts by record, message type and outcome', () => {
    const record = records.save(certificateRecord());
    statistics.count(record.id, 'ir', 'waiting');
    statistics.count(record.id, 'pollReq', 'waiting');
    statistics.count(record.id, 'pollReq', 'waiting');
    statistics.count(record.id, 'pollReq', 'accepted');
    statistics.count(null, 'genm', 'error');
    expect(statistics.list(record.id).map((c) => [c.messageType, c.outcome, c.count])).toEqual([
      ['ir', 'waiting', 1],
      ['pollReq', 'accepted', 1],
      ['pollReq', 'waiting', 2],
    ]);
    expect(statistics.list(null)).toEqual([{ recordId: null, messageType: 'genm', outcome: 'error', count: 1, lastAt: '2026-02-02T02:02:02.000Z' }]);
    expect(statistics.list()).toHaveLength(4);
  });

  it('resets one record, and forgets a deleted record', () => {
    const a = records.save(certificateRecord());
    const b = records.save(certificateRecord());
    statistics.count(a.id, 'kur', 'accepted');
    statistics.count(b.id, 'kur', 'rejected');
    expect(statistics.reset(a.id)).toBe(1);
    expect(statistics.list(a.id)).toEqual([]);
    records.delete(b.id);
    expect(statistics.list()).toEqual([]);
  });
});
