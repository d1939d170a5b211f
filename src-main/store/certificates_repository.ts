import { certificateSchema, parseDomain, type Certificate } from '../../src-shared/domain';
import type { AuditLog } from './audit_log';
import type { Connection } from './database';
import { ObjectNotFoundError, withConstraints } from './errors';

/** Every certificate version of every record: the current one, the ones it replaced, the deleted ones. */
export class CertificatesRepository {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditLog,
  ) {}

  get(id: string): Certificate | null {
    const row = this.connection.prepare('SELECT * FROM certificates WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row === undefined ? null : toCertificate(row);
  }

  /** The certificate in use for a record, or null. */
  current(recordId: string): Certificate | null {
    const row = this.connection.prepare("SELECT * FROM certificates WHERE record_id = ? AND status = 'current'").get(recordId) as Record<string, unknown> | undefined;
    return row === undefined ? null : toCertificate(row);
  }

  /** Every record's current certificate expiry, in one query: what the configuration checks need of 10,000 records. */
  currentExpiries(): { recordId: string; notAfter: string }[] {
    return this.connection.prepare("SELECT record_id AS recordId, not_after AS notAfter FROM certificates WHERE status = 'current'").all() as { recordId: string; notAfter: string }[];
  }

  /** A record's versions, oldest first (its timeline). */
  history(recordId: string): Certificate[] {
    return (this.connection.prepare('SELECT * FROM certificates WHERE record_id = ? ORDER BY obtained_at, rowid').all(recordId) as Record<string, unknown>[]).map(toCertificate);
  }

  /** Current certificates that expire before `time` (ISO 8601), soonest first. */
  listCurrentExpiringBefore(time: string): Certificate[] {
    return (this.connection.prepare("SELECT * FROM certificates WHERE status = 'current' AND not_after < ? ORDER BY not_after").all(time) as Record<string, unknown>[]).map(toCertificate);
  }

  /**
   * Stores a new version as the record's current certificate; the previous current one becomes
   * "past". One transaction: a record never has two current certificates, nor none in between.
   */
  putIntoUse(certificate: Certificate): Certificate {
    const next = parseDomain(certificateSchema, { ...certificate, status: 'current' }, 'certificate');
    withConstraints('certificate', next.id, () =>
      this.connection.transaction(() => {
        this.connection.prepare("UPDATE certificates SET status = 'past' WHERE record_id = ? AND status = 'current'").run(next.recordId);
        this.connection
          .prepare(
            `INSERT INTO certificates (id, record_id, status, origin, serial_number, subject, issuer, not_before, not_after, sha256_fingerprint, certificate_der, chain_der, private_key_id, obtained_at)
             VALUES (@id, @recordId, 'current', @origin, @serialNumber, @subject, @issuer, @notBefore, @notAfter, @sha256Fingerprint, @certificateDer, @chainDer, @privateKeyId, @obtainedAt)`,
          )
          .run({ ...next, certificateDer: Buffer.from(next.certificateDer, 'base64'), chainDer: JSON.stringify(next.chainDer) });
        const { certificateDer: _der, chainDer: _chain, ...summary } = next;
        this.audit.record({ type: next.origin === 'import' ? 'imported' : next.origin === 'kur' ? 'renewed' : 'enrolled', objectKind: 'certificate', objectId: next.id, after: summary, message: `Certificate ${next.serialNumber} put into use for record ${next.recordId}` });
      })(),
    );
    return next;
  }

  /** Marks a version deleted (expired after failed renewals, or removed by the administrator); its bytes stay for the history. */
  markDeleted(id: string, reason: string): void {
    this.connection.transaction(() => {
      const before = this.get(id);
      if (before === null) throw new ObjectNotFoundError('certificate', id);
      this.connection.prepare("UPDATE certificates SET status = 'deleted' WHERE id = ?").run(id);
      this.audit.record({ type: 'deleted', objectKind: 'certificate', objectId: id, message: `Certificate ${before.serialNumber} deleted: ${reason}` });
    })();
  }
}

function toCertificate(row: Record<string, unknown>): Certificate {
  return parseDomain(
    certificateSchema,
    {
      id: row.id,
      recordId: row.record_id,
      status: row.status,
      origin: row.origin,
      serialNumber: row.serial_number,
      subject: row.subject,
      issuer: row.issuer,
      notBefore: row.not_before,
      notAfter: row.not_after,
      sha256Fingerprint: row.sha256_fingerprint,
      certificateDer: (row.certificate_der as Buffer).toString('base64'),
      chainDer: JSON.parse(row.chain_der as string),
      privateKeyId: row.private_key_id,
      obtainedAt: row.obtained_at,
    },
    'certificate (stored)',
  );
}
