import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, CertificateRecordsRepository, CertificatesRepository, ConfigRepository, LifecycleRepository } from '../../../src-main/store';
import { certificateRecord, cmpProfile } from './objects';
import { useTempDatabase } from './temp_store';

describe('tick rows changed since a change sequence (migration 003 triggers)', () => {
  const t = useTempDatabase();
  let records: CertificateRecordsRepository;
  let certificates: CertificatesRepository;
  let config: ConfigRepository;
  let lifecycle: LifecycleRepository;
  beforeEach(() => {
    const audit = new AuditLog(t.db.connection);
    records = new CertificateRecordsRepository(t.db.connection, audit);
    certificates = new CertificatesRepository(t.db.connection, audit);
    config = new ConfigRepository(t.db.connection, audit);
    lifecycle = new LifecycleRepository(t.db.connection);
  });

  function putCertificate(recordId: string) {
    const der = randomBytes(300);
    const id = randomUUID();
    certificates.putIntoUse({
      id, recordId, status: 'current', origin: 'import', serialNumber: '0a01', subject: 'CN=sbc1.example.net', issuer: 'CN=Example Issuing CA',
      notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z', sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
      certificateDer: der.toString('base64'), chainDer: [], privateKeyId: null, obtainedAt: '2026-01-01T00:00:05.000Z',
    });
    return id;
  }

  const names = (since: number) => lifecycle.tickRowsSince(since).rows.map((r) => r.name);

  it('null reads every row with the current sequence; an unchanged store gives no rows', () => {
    records.save(certificateRecord({ name: 'b' }));
    records.save(certificateRecord({ name: 'a' }));
    const all = lifecycle.tickRowsSince(null);
    expect(all.rows).toEqual(lifecycle.tickRows());
    expect(all.sequence).toBeGreaterThan(0);
    expect(lifecycle.tickRowsSince(all.sequence)).toEqual({ sequence: all.sequence, rows: [], removedRecordIds: [] });
  });

  it('an edited record, its certificate, its request parameters and its retry state each return only that record\'s row', () => {
    const a = records.save(certificateRecord({ name: 'a' }));
    const b = records.save(certificateRecord({ name: 'b' }));
    let since = lifecycle.tickRowsSince(null).sequence;
    const next = () => {
      const changes = lifecycle.tickRowsSince(since);
      since = changes.sequence;
      return changes.rows.map((r) => r.name);
    };
    records.save({ ...b, digest: 'sha384' });
    expect(next()).toEqual(['b']);
    const certificateId = putCertificate(a.id);
    expect(next()).toEqual(['a']);
    lifecycle.setCertificateParameters(certificateId, '{}', 'f');
    expect(next()).toEqual(['a']);
    lifecycle.setRetry(b.id, { retryAt: null, failures: 1, lastError: 'refused' });
    const changes = lifecycle.tickRowsSince(since);
    expect(changes.rows).toEqual([lifecycle.tickRow(b.id)]);
    expect(changes.rows[0].failures).toBe(1);
  });

  it('a profile change returns the rows of every record that uses it, and no other', () => {
    const profile = config.cmpProfiles.save(cmpProfile(null, { renewBeforeExpiryDays: 30 }));
    records.save(certificateRecord({ name: 'uses-1', managedBy: 'cmp', cmpProfileId: profile.id }));
    records.save(certificateRecord({ name: 'uses-2', managedBy: 'cmp', cmpProfileId: profile.id }));
    records.save(certificateRecord({ name: 'manual' }));
    const since = lifecycle.tickRowsSince(null).sequence;
    config.cmpProfiles.save({ ...profile, renewBeforeExpiryDays: 45 });
    const changes = lifecycle.tickRowsSince(since);
    expect(changes.rows.map((r) => [r.name, r.renewBeforeExpiryDays])).toEqual([['uses-1', 45], ['uses-2', 45]]);
  });

  it('a deleted record is reported as removed, not as a row; a new one comes as a row', () => {
    const gone = records.save(certificateRecord({ name: 'gone' }));
    putCertificate(gone.id);
    const since = lifecycle.tickRowsSince(null).sequence;
    records.delete(gone.id);
    records.save(certificateRecord({ name: 'new' }));
    const changes = lifecycle.tickRowsSince(since);
    expect(changes.removedRecordIds).toEqual([gone.id]);
    expect(changes.rows.map((r) => r.name)).toEqual(['new']);
    expect(names(changes.sequence)).toEqual([]);
  });
});
