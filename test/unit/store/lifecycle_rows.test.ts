import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, CertificateRecordsRepository, CertificatesRepository, LifecycleRepository } from '../../../src-main/store';
import { certificateRecord } from './objects';
import { useTempDatabase } from './temp_store';

describe('lifecycle rows for one record and for the records table', () => {
  const t = useTempDatabase();
  let records: CertificateRecordsRepository;
  let certificates: CertificatesRepository;
  let lifecycle: LifecycleRepository;
  beforeEach(() => {
    const audit = new AuditLog(t.db.connection);
    records = new CertificateRecordsRepository(t.db.connection, audit);
    certificates = new CertificatesRepository(t.db.connection, audit);
    lifecycle = new LifecycleRepository(t.db.connection);
  });

  function withCertificate(name: string) {
    const record = records.save(certificateRecord({ name, purpose: 'management' }));
    const der = randomBytes(300);
    certificates.putIntoUse({
      id: randomUUID(),
      recordId: record.id,
      status: 'current',
      origin: 'import',
      serialNumber: `0a${name.length}`,
      subject: 'CN=sbc1.example.net',
      issuer: 'CN=Example Issuing CA',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2027-01-01T00:00:00.000Z',
      sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
      certificateDer: der.toString('base64'),
      chainDer: [],
      privateKeyId: null,
      obtainedAt: '2026-01-01T00:00:05.000Z',
    });
    return record;
  }

  it('tickRow is the record\'s row of tickRows, read by its id; unknown ids give null', () => {
    const b = withCertificate('b-record');
    const a = records.save(certificateRecord({ name: 'a-record' }));
    lifecycle.setRetry(a.id, { retryAt: null, failures: 2, lastError: 'refused' });
    const all = lifecycle.tickRows();
    expect(all.map((r) => r.name)).toEqual(['a-record', 'b-record']);
    expect(lifecycle.tickRow(b.id)).toEqual(all[1]);
    expect(lifecycle.tickRow(a.id)).toEqual(all[0]);
    expect(lifecycle.tickRow(randomUUID())).toBeNull();
  });

  it('tickRowsFor reads the rows of the given records only, by name, skipping unknown ids', () => {
    const c = records.save(certificateRecord({ name: 'c-record' }));
    const b = withCertificate('b-record');
    const a = records.save(certificateRecord({ name: 'a-record' }));
    const all = lifecycle.tickRows();
    expect(lifecycle.tickRowsFor([c.id, a.id, randomUUID()])).toEqual([all[0], all[2]]);
    expect(lifecycle.tickRowsFor([b.id])).toEqual([all[1]]);
    expect(lifecycle.tickRowsFor([])).toEqual([]);
  });

  it('recordTableRows carry the table\'s columns, by name; recordTableRow reads one', () => {
    const b = withCertificate('b-record');
    const a = records.save(certificateRecord({ name: 'a-record', purpose: 'ike-interface' }));
    lifecycle.setRetry(a.id, { retryAt: null, failures: 1, lastError: 'the CA refused' });
    expect(lifecycle.recordTableRows()).toEqual([
      { recordId: a.id, name: 'a-record', purpose: 'ike-interface', subjectCommonName: 'sbc1.example.net', managedBy: 'manual', cmpProfileId: null, serialNumber: null, notBefore: null, notAfter: null, lastError: 'the CA refused' },
      { recordId: b.id, name: 'b-record', purpose: 'management', subjectCommonName: 'sbc1.example.net', managedBy: 'manual', cmpProfileId: null, serialNumber: '0a8', notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z', lastError: null },
    ]);
    expect(lifecycle.recordTableRow(b.id)).toEqual(lifecycle.recordTableRows()[1]);
    expect(lifecycle.recordTableRow(randomUUID())).toBeNull();
  });
});
