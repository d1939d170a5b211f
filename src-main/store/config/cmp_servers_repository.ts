import { cmpServerSchema, parseDomain, type CmpServer } from '../../../src-shared/domain';
import type { AuditLog } from '../audit_log';
import type { Connection } from '../database';
import { withConstraints } from '../errors';
import { fromFlag, readOrderedList, replaceOrderedList, toFlag, upsert } from '../sql';
import { recordConfigChange } from './config_change';

/** cmp-server with the trust anchors that verify its response protection. */
export class CmpServersRepository {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditLog,
  ) {}

  list(): CmpServer[] {
    return (this.connection.prepare('SELECT * FROM cmp_servers ORDER BY name').all() as Record<string, unknown>[]).map((row) => this.toCmpServer(row));
  }

  get(id: string): CmpServer | null {
    const row = this.connection.prepare('SELECT * FROM cmp_servers WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row === undefined ? null : this.toCmpServer(row);
  }

  save(server: CmpServer): CmpServer {
    const next = parseDomain(cmpServerSchema, server, 'CMP server');
    withConstraints('CMP server', next.id, () =>
      this.connection.transaction(() => {
        const before = this.get(next.id);
        upsert(this.connection, 'cmp_servers', {
          id: next.id,
          name: next.name,
          url: next.url,
          tls_profile_id: next.tlsProfileId,
          expected_sender: next.expectedSender,
          message_timeout_seconds: next.messageTimeoutSeconds,
          total_timeout_seconds: next.totalTimeoutSeconds,
          polling_retry_count: next.pollingRetryCount,
          accept_unprotected_errors: toFlag(next.acceptUnprotectedErrors),
          source_address: next.sourceAddress,
        });
        replaceOrderedList(this.connection, 'cmp_server_response_anchors', 'cmp_server_id', 'trust_anchor_id', next.id, next.responseTrustAnchorIds);
        recordConfigChange(this.audit, 'cmp-server', next.id, next.name, before, next);
      })(),
    );
    return next;
  }

  /** Refused with StoreConstraintError while a server group lists it. */
  delete(id: string): boolean {
    return withConstraints('CMP server', id, () =>
      this.connection.transaction(() => {
        const before = this.get(id);
        if (before === null) return false;
        this.connection.prepare('DELETE FROM cmp_servers WHERE id = ?').run(id);
        recordConfigChange(this.audit, 'cmp-server', id, before.name, before, null);
        return true;
      })(),
    );
  }

  private toCmpServer(row: Record<string, unknown>): CmpServer {
    return parseDomain(
      cmpServerSchema,
      {
        id: row.id,
        name: row.name,
        url: row.url,
        tlsProfileId: row.tls_profile_id,
        responseTrustAnchorIds: readOrderedList(this.connection, 'cmp_server_response_anchors', 'cmp_server_id', 'trust_anchor_id', row.id as string),
        expectedSender: row.expected_sender,
        messageTimeoutSeconds: row.message_timeout_seconds,
        totalTimeoutSeconds: row.total_timeout_seconds,
        pollingRetryCount: row.polling_retry_count,
        acceptUnprotectedErrors: fromFlag(row.accept_unprotected_errors),
        sourceAddress: row.source_address,
      },
      'CMP server (stored)',
    );
  }
}
