import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Certificate } from '../../../src-shared/domain';
import { AuditLog, CertificateRecordsRepository, CertificatesRepository, ConfigRepository, StoreConstraintError } from '../../../src-main/store';
import { certificateRecord, cmpProfile, tlsProfile } from './objects';
import { useTempDatabase } from './temp_store';

function certificate(recordId: string, overrides: Partial<Certificate> = {}): Certificate {
  const der = randomBytes(300);
  return {
    id: randomUUID(),
    recordId,
    status: 'current',
    origin: 'ir',
    serialNumber: randomBytes(8).toString('hex'),
    subject: 'CN=sbc1.example.net,O=Example,C=DE',
    issuer: 'CN=Example Issuing CA',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
    certificateDer: der.toString('base64'),
    chainDer: [randomBytes(100).toString('base64'), randomBytes(90).toString('base64')],
    privateKeyId: null,
    obtainedAt: '2026-01-01T00:00:05.000Z',
    ...overrides,
  };
}

describe('certificate records and their certificate versions', () => {
  const t = useTempDatabase();
  let audit: AuditLog;
  let records: CertificateRecordsRepository;
  let certificates: CertificatesRepository;
  beforeEach(() => {
    audit = new AuditLog(t.db.connection);
    records = new CertificateRecordsRepository(t.db.connection, audit);
    certificates = new CertificatesRepository(t.db.connection, audit);
  });

  it('round-trips a record with subject parts, SANs, key spec, usages and hooks', () => {
    const record = certificateRecord({ subject: { country: 'DE', state: 'Bayern', locality: 'München', organization: 'Example', organizationalUnit: 'Voice', commonName: 'sbc1', emailAddress: 'pki@example.net' } });
    records.save(record);
    expect(records.get(record.id)).toEqual(record);
    expect(records.count()).toBe(1);
  });

  it('requires a CMP profile for a CMP-managed record, in the schema and the table', () => {
    expect(() => records.save(certificateRecord({ managedBy: 'cmp', cmpProfileId: null }))).toThrow('cmpProfileId: must name a CMP profile');
    expect(() => records.save(certificateRecord({ subject: {} }))).toThrow('subject: must contain at least one subject field');
    expect(() => records.save(certificateRecord({ subjectAltNames: [{ type: 'ip', value: 'not-an-ip' }] }))).toThrow('subjectAltNames.0.value');
  });

  it('keeps every version; putting a new one into use makes the old one past', () => {
    const record = records.save(certificateRecord());
    const first = certificates.putIntoUse(certificate(record.id));
    const second = certificates.putIntoUse(certificate(record.id, { origin: 'kur', obtainedAt: '2026-06-01T00:00:00.000Z', notAfter: '2027-06-01T00:00:00.000Z' }));
    expect(certificates.current(record.id)).toEqual(second);
    expect(certificates.history(record.id).map((c) => [c.id, c.status])).toEqual([
      [first.id, 'past'],
      [second.id, 'current'],
    ]);
    expect(certificates.get(first.id)?.chainDer).toEqual(first.chainDer);
    expect(audit.list({ objectKind: 'certificate' }).map((e) => e.type)).toEqual(['enrolled', 'renewed']);
  });

  it('lists every record\'s current expiry in one query, without past versions or records that have none', () => {
    const renewed = records.save(certificateRecord());
    const without = records.save(certificateRecord());
    certificates.putIntoUse(certificate(renewed.id));
    certificates.putIntoUse(certificate(renewed.id, { origin: 'kur', notAfter: '2027-06-01T00:00:00.000Z' }));
    expect(certificates.currentExpiries()).toEqual([{ recordId: renewed.id, notAfter: '2027-06-01T00:00:00.000Z' }]);
    expect(certificates.current(without.id)).toBeNull();
  });

  it('never holds two current certificates for one record', () => {
    const record = records.save(certificateRecord());
    certificates.putIntoUse(certificate(record.id));
    const makeAllCurrent = t.db.connection.prepare("UPDATE certificates SET status = 'current'");
    certificates.putIntoUse(certificate(record.id));
    expect(() => makeAllCurrent.run()).toThrow(/UNIQUE constraint failed/);
  });

  it('marks a version deleted but keeps it for the history; finds what expires soon', () => {
    const record = records.save(certificateRecord());
    const cert = certificates.putIntoUse(certificate(record.id, { notAfter: '2026-02-01T00:00:00.000Z' }));
    expect(certificates.listCurrentExpiringBefore('2026-03-01T00:00:00.000Z').map((c) => c.id)).toEqual([cert.id]);
    certificates.markDeleted(cert.id, 'expired after all renewals failed');
    expect(certificates.current(record.id)).toBeNull();
    expect(certificates.history(record.id)[0]?.status).toBe('deleted');
    expect(audit.list({ objectId: cert.id }).at(-1)?.message).toContain('expired after all renewals failed');
  });

  it('refuses to delete a record a TLS profile presents, until the profile lets go', () => {
    const config = new ConfigRepository(t.db.connection, audit);
    const record = records.save(certificateRecord());
    certificates.putIntoUse(certificate(record.id));
    const tls = config.tlsProfiles.save(tlsProfile([], { mutualAuthentication: true, clientCertificateRecordId: record.id }));
    expect(config.tlsProfiles.listUsingCertificateRecord(record.id).map((p) => p.id)).toEqual([tls.id]);
    expect(() => records.delete(record.id)).toThrow(StoreConstraintError);
    config.tlsProfiles.save({ ...tls, mutualAuthentication: false, clientCertificateRecordId: null });
    expect(records.delete(record.id, 'expired after all renewals failed')).toBe(true);
    expect(certificates.history(record.id)).toEqual([]);
    expect(audit.list({ objectKind: 'certificate-record', objectId: record.id }).at(-1)?.message).toMatch(/expired after all renewals failed/);
  });

  it('lists the records of a CMP profile', () => {
    const config = new ConfigRepository(t.db.connection, audit);
    const profile = config.cmpProfiles.save(cmpProfile(null));
    const managed = records.save(certificateRecord({ managedBy: 'cmp', cmpProfileId: profile.id }));
    records.save(certificateRecord());
    expect(records.listByCmpProfile(profile.id).map((r) => r.id)).toEqual([managed.id]);
  });
});
