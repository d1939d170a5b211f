import { cmpProfileSchema, parseDomain, type CmpProfile } from '../../../src-shared/domain';
import type { AuditLog } from '../audit_log';
import type { Connection } from '../database';
import { withConstraints } from '../errors';
import { fromFlag, toFlag, upsert } from '../sql';
import { recordConfigChange } from './config_change';

/** cmp-profile. The IAK is not here: it is in the OS keychain under the profile id. */
export class CmpProfilesRepository {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditLog,
  ) {}

  list(): CmpProfile[] {
    return (this.connection.prepare('SELECT * FROM cmp_profiles ORDER BY name').all() as Record<string, unknown>[]).map(toCmpProfile);
  }

  get(id: string): CmpProfile | null {
    const row = this.connection.prepare('SELECT * FROM cmp_profiles WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row === undefined ? null : toCmpProfile(row);
  }

  save(profile: CmpProfile): CmpProfile {
    const next = parseDomain(cmpProfileSchema, profile, 'CMP profile');
    const auth = next.authentication;
    withConstraints('CMP profile', next.id, () =>
      this.connection.transaction(() => {
        const before = this.get(next.id);
        upsert(this.connection, 'cmp_profiles', {
          id: next.id,
          name: next.name,
          server_group_id: next.serverGroupId,
          auth_method: auth.method,
          auth_reference: auth.method === 'shared-secret' ? auth.reference : null,
          auth_certificate_record_id: auth.method === 'signature' ? auth.certificateRecordId : null,
          renew_before_expiry_days: next.renewBeforeExpiryDays,
          default_key_algorithm: next.defaultKeyAlgorithm,
          default_digest: next.defaultDigest,
          default_key_usage: JSON.stringify(next.defaultKeyUsage),
          default_extended_key_usage: JSON.stringify(next.defaultExtendedKeyUsage),
          implicit_confirm: toFlag(next.implicitConfirm),
        });
        recordConfigChange(this.audit, 'cmp-profile', next.id, next.name, before, next);
      })(),
    );
    return next;
  }

  /** Refused with StoreConstraintError while a certificate record uses it. Its IAK is the caller's to delete. */
  delete(id: string): boolean {
    return withConstraints('CMP profile', id, () =>
      this.connection.transaction(() => {
        const before = this.get(id);
        if (before === null) return false;
        this.connection.prepare('DELETE FROM cmp_profiles WHERE id = ?').run(id);
        recordConfigChange(this.audit, 'cmp-profile', id, before.name, before, null);
        return true;
      })(),
    );
  }
}

function toCmpProfile(row: Record<string, unknown>): CmpProfile {
  return parseDomain(
    cmpProfileSchema,
    {
      id: row.id,
      name: row.name,
      serverGroupId: row.server_group_id,
      authentication:
        row.auth_method === 'shared-secret' ? { method: 'shared-secret', reference: row.auth_reference } : { method: 'signature', certificateRecordId: row.auth_certificate_record_id },
      renewBeforeExpiryDays: row.renew_before_expiry_days,
      defaultKeyAlgorithm: row.default_key_algorithm,
      defaultDigest: row.default_digest,
      defaultKeyUsage: JSON.parse(row.default_key_usage as string),
      defaultExtendedKeyUsage: JSON.parse(row.default_extended_key_usage as string),
      implicitConfirm: fromFlag(row.implicit_confirm),
    },
    'CMP profile (stored)',
  );
}
