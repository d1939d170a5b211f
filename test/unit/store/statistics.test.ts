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

  it('resets one record on request', () => {
    const a = records.save(certificateRecord());
    const b = records.save(certificateRecord());
    statistics.count(a.id, 'kur', 'accepted');
    statistics.count(b.id, 'kur', 'rejected');
    expect(statistics.reset(a.id)).toBe(1);
    expect(statistics.list(a.id)).toEqual([]);
    expect(statistics.list(b.id)).toHaveLength(1);
  });

  it('keeps a deleted record\'s counts in the global counters for the life of the data folder', () => {
    const a = records.save(certificateRecord());
    const b = records.save(certificateRecord());
    statistics.count(a.id, 'ir', 'accepted');
    statistics.count(a.id, 'kur', 'accepted');
    statistics.count(b.id, 'ir', 'accepted');
    statistics.count(null, 'ir', 'accepted');
    const totals = () => statistics.list().reduce<Record<string, number>>((sum, c) => ({ ...sum, [`${c.messageType}/${c.outcome}`]: (sum[`${c.messageType}/${c.outcome}`] ?? 0) + c.count }), {});
    expect(totals()).toEqual({ 'ir/accepted': 3, 'kur/accepted': 1 });
    records.delete(a.id);
    expect(statistics.list(a.id)).toEqual([]);
    expect(totals()).toEqual({ 'ir/accepted': 3, 'kur/accepted': 1 });
    expect(statistics.list(null).map((c) => [c.messageType, c.outcome, c.count])).toEqual([
      ['ir', 'accepted', 2],
      ['kur', 'accepted', 1],
    ]);
    expect(statistics.list(b.id).map((c) => c.count)).toEqual([1]);
  });
});
