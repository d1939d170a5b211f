import { parseDomain, tlsProfileSchema, type TlsProfile } from '../../../src-shared/domain';
import type { AuditLog } from '../audit_log';
import type { Connection } from '../database';
import { withConstraints } from '../errors';
import { fromFlag, readOrderedList, replaceOrderedList, toFlag, upsert } from '../sql';
import { recordConfigChange } from './config_change';

/** tls-profile with its ordered trusted-ca-certificates list. */
export class TlsProfilesRepository {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditLog,
  ) {}

  list(): TlsProfile[] {
    return (this.connection.prepare('SELECT * FROM tls_profiles ORDER BY name').all() as Record<string, unknown>[]).map((row) => this.toTlsProfile(row));
  }

  get(id: string): TlsProfile | null {
    const row = this.connection.prepare('SELECT * FROM tls_profiles WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row === undefined ? null : this.toTlsProfile(row);
  }

  /** The TLS profiles that present this certificate record's certificate (to replace it on renewal). */
  listUsingCertificateRecord(recordId: string): TlsProfile[] {
    return (this.connection.prepare('SELECT * FROM tls_profiles WHERE client_certificate_record_id = ? ORDER BY name').all(recordId) as Record<string, unknown>[]).map((row) =>
      this.toTlsProfile(row),
    );
  }

  save(profile: TlsProfile): TlsProfile {
    const next = parseDomain(tlsProfileSchema, profile, 'TLS profile');
    withConstraints('TLS profile', next.id, () =>
      this.connection.transaction(() => {
        const before = this.get(next.id);
        upsert(this.connection, 'tls_profiles', {
          id: next.id,
          name: next.name,
          mutual_authentication: toFlag(next.mutualAuthentication),
          client_certificate_record_id: next.clientCertificateRecordId,
          minimum_tls_version: next.minimumTlsVersion,
          verify_host_name: toFlag(next.verifyHostName),
        });
        replaceOrderedList(this.connection, 'tls_profile_trusted_cas', 'tls_profile_id', 'trust_anchor_id', next.id, next.trustedCaIds);
        recordConfigChange(this.audit, 'tls-profile', next.id, next.name, before, next);
      })(),
    );
    return next;
  }

  /** Refused with StoreConstraintError while a CMP server uses it. */
  delete(id: string): boolean {
    return withConstraints('TLS profile', id, () =>
      this.connection.transaction(() => {
        const before = this.get(id);
        if (before === null) return false;
        this.connection.prepare('DELETE FROM tls_profiles WHERE id = ?').run(id);
        recordConfigChange(this.audit, 'tls-profile', id, before.name, before, null);
        return true;
      })(),
    );
  }

  private toTlsProfile(row: Record<string, unknown>): TlsProfile {
    return parseDomain(
      tlsProfileSchema,
      {
        id: row.id,
        name: row.name,
        trustedCaIds: readOrderedList(this.connection, 'tls_profile_trusted_cas', 'tls_profile_id', 'trust_anchor_id', row.id as string),
        mutualAuthentication: fromFlag(row.mutual_authentication),
        clientCertificateRecordId: row.client_certificate_record_id,
        minimumTlsVersion: row.minimum_tls_version,
        verifyHostName: fromFlag(row.verify_host_name),
      },
      'TLS profile (stored)',
    );
  }
}
