import { parseDomain, trustAnchorSchema, type TrustAnchor } from '../../../src-shared/domain';
import type { AuditLog } from '../audit_log';
import type { Connection } from '../database';
import { withConstraints } from '../errors';
import { upsert } from '../sql';
import { recordConfigChange } from './config_change';

/** Imported root and issuing CA certificates. */
export class TrustAnchorsRepository {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditLog,
  ) {}

  list(): TrustAnchor[] {
    return (this.connection.prepare('SELECT * FROM trust_anchors ORDER BY name').all() as Record<string, unknown>[]).map(toTrustAnchor);
  }

  get(id: string): TrustAnchor | null {
    const row = this.connection.prepare('SELECT * FROM trust_anchors WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row === undefined ? null : toTrustAnchor(row);
  }

  save(anchor: TrustAnchor): TrustAnchor {
    const next = parseDomain(trustAnchorSchema, anchor, 'trust anchor');
    withConstraints('trust anchor', next.id, () =>
      this.connection.transaction(() => {
        const before = this.get(next.id);
        upsert(this.connection, 'trust_anchors', {
          id: next.id,
          name: next.name,
          certificate_der: Buffer.from(next.certificateDer, 'base64'),
          sha256_fingerprint: next.sha256Fingerprint,
          subject: next.subject,
          not_after: next.notAfter,
          imported_at: next.importedAt,
        });
        recordConfigChange(this.audit, 'trust-anchor', next.id, next.name, before, next);
      })(),
    );
    return next;
  }

  /** Refused with StoreConstraintError while a TLS profile or CMP server still trusts it. */
  delete(id: string): boolean {
    return withConstraints('trust anchor', id, () =>
      this.connection.transaction(() => {
        const before = this.get(id);
        if (before === null) return false;
        this.connection.prepare('DELETE FROM trust_anchors WHERE id = ?').run(id);
        recordConfigChange(this.audit, 'trust-anchor', id, before.name, before, null);
        return true;
      })(),
    );
  }
}

function toTrustAnchor(row: Record<string, unknown>): TrustAnchor {
  return parseDomain(
    trustAnchorSchema,
    {
      id: row.id,
      name: row.name,
      certificateDer: (row.certificate_der as Buffer).toString('base64'),
      sha256Fingerprint: row.sha256_fingerprint,
      subject: row.subject,
      notAfter: row.not_after,
      importedAt: row.imported_at,
    },
    'trust anchor (stored)',
  );
}
