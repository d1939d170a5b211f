import { certificateRecordSchema, parseDomain, type CertificateRecord } from '../../src-shared/domain';
import type { AuditLog } from './audit_log';
import { recordConfigChange } from './config/config_change';
import type { Connection } from './database';
import { withConstraints } from './errors';
import { upsert } from './sql';

/** certificate-record: what the administrator asks for; the lifecycle compares it with what it holds. */
export class CertificateRecordsRepository {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): CertificateRecord[] {
    return (this.connection.prepare('SELECT * FROM certificate_records ORDER BY name').all() as Record<string, unknown>[]).map(toCertificateRecord);
  }

  get(id: string): CertificateRecord | null {
    const row = this.connection.prepare('SELECT * FROM certificate_records WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row === undefined ? null : toCertificateRecord(row);
  }

  /** The records a CMP profile manages (the processing tick walks these). */
  listByCmpProfile(cmpProfileId: string): CertificateRecord[] {
    return (this.connection.prepare('SELECT * FROM certificate_records WHERE cmp_profile_id = ? ORDER BY name').all(cmpProfileId) as Record<string, unknown>[]).map(toCertificateRecord);
  }

  count(): number {
    return (this.connection.prepare('SELECT count(*) AS n FROM certificate_records').get() as { n: number }).n;
  }

  save(record: CertificateRecord): CertificateRecord {
    const next = parseDomain(certificateRecordSchema, record, 'certificate record');
    const time = this.now().toISOString();
    withConstraints('certificate record', next.id, () =>
      this.connection.transaction(() => {
        const before = this.get(next.id);
        const createdAt = before === null ? time : (this.connection.prepare('SELECT created_at FROM certificate_records WHERE id = ?').get(next.id) as { created_at: string }).created_at;
        upsert(this.connection, 'certificate_records', {
          id: next.id,
          name: next.name,
          purpose: next.purpose,
          subject_country: next.subject.country ?? null,
          subject_state: next.subject.state ?? null,
          subject_locality: next.subject.locality ?? null,
          subject_organization: next.subject.organization ?? null,
          subject_organizational_unit: next.subject.organizationalUnit ?? null,
          subject_common_name: next.subject.commonName ?? null,
          subject_email_address: next.subject.emailAddress ?? null,
          subject_alt_names: JSON.stringify(next.subjectAltNames),
          key_algorithm: next.keyAlgorithm,
          key_usage: JSON.stringify(next.keyUsage),
          extended_key_usage: JSON.stringify(next.extendedKeyUsage),
          digest: next.digest,
          managed_by: next.managedBy,
          cmp_profile_id: next.cmpProfileId,
          deploy_hooks: JSON.stringify(next.deployHooks),
          deploy_folder: next.deployFolder ?? null,
          created_at: createdAt,
          updated_at: time,
        });
        recordConfigChange(this.audit, 'certificate-record', next.id, next.name, before, next);
      })(),
    );
    return next;
  }

  /**
   * Deletes the record with its certificate versions, transactions and counters. Refused with
   * StoreConstraintError while a TLS profile or CMP profile still refers to it: those references
   * are replaced first, as reference/004 describes.
   */
  delete(id: string, reason = 'deleted by the administrator'): boolean {
    return withConstraints('certificate record', id, () =>
      this.connection.transaction(() => {
        const before = this.get(id);
        if (before === null) return false;
        this.connection.prepare('DELETE FROM certificate_records WHERE id = ?').run(id);
        this.audit.record({ type: 'deleted', objectKind: 'certificate-record', objectId: id, before, after: null, message: `Certificate record "${before.name}" ${reason}` });
        return true;
      })(),
    );
  }
}

function toCertificateRecord(row: Record<string, unknown>): CertificateRecord {
  const subject = Object.fromEntries(
    Object.entries({
      country: row.subject_country,
      state: row.subject_state,
      locality: row.subject_locality,
      organization: row.subject_organization,
      organizationalUnit: row.subject_organizational_unit,
      commonName: row.subject_common_name,
      emailAddress: row.subject_email_address,
    }).filter(([, v]) => v !== null),
  );
  return parseDomain(
    certificateRecordSchema,
    {
      id: row.id,
      name: row.name,
      purpose: row.purpose,
      subject,
      subjectAltNames: JSON.parse(row.subject_alt_names as string),
      keyAlgorithm: row.key_algorithm,
      keyUsage: JSON.parse(row.key_usage as string),
      extendedKeyUsage: JSON.parse(row.extended_key_usage as string),
      digest: row.digest,
      managedBy: row.managed_by,
      cmpProfileId: row.cmp_profile_id,
      deployHooks: JSON.parse(row.deploy_hooks as string),
      ...(row.deploy_folder === null ? {} : { deployFolder: row.deploy_folder }),
    },
    'certificate record (stored)',
  );
}
