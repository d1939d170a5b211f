import { parseDomain, serverGroupSchema, type ServerGroup } from '../../../src-shared/domain';
import type { AuditLog } from '../audit_log';
import type { Connection } from '../database';
import { withConstraints } from '../errors';
import { readOrderedList, replaceOrderedList, upsert } from '../sql';
import { recordConfigChange } from './config_change';

/** cmp-server-group: up to 10 servers in round-robin order (the table itself has only 10 positions). */
export class ServerGroupsRepository {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditLog,
  ) {}

  list(): ServerGroup[] {
    return (this.connection.prepare('SELECT * FROM server_groups ORDER BY name').all() as Record<string, unknown>[]).map((row) => this.toServerGroup(row));
  }

  get(id: string): ServerGroup | null {
    const row = this.connection.prepare('SELECT * FROM server_groups WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row === undefined ? null : this.toServerGroup(row);
  }

  save(group: ServerGroup): ServerGroup {
    const next = parseDomain(serverGroupSchema, group, 'server group');
    withConstraints('server group', next.id, () =>
      this.connection.transaction(() => {
        const before = this.get(next.id);
        upsert(this.connection, 'server_groups', { id: next.id, name: next.name });
        replaceOrderedList(this.connection, 'server_group_members', 'server_group_id', 'cmp_server_id', next.id, next.serverIds);
        recordConfigChange(this.audit, 'server-group', next.id, next.name, before, next);
      })(),
    );
    return next;
  }

  /** Refused with StoreConstraintError while a CMP profile uses it. */
  delete(id: string): boolean {
    return withConstraints('server group', id, () =>
      this.connection.transaction(() => {
        const before = this.get(id);
        if (before === null) return false;
        this.connection.prepare('DELETE FROM server_groups WHERE id = ?').run(id);
        recordConfigChange(this.audit, 'server-group', id, before.name, before, null);
        return true;
      })(),
    );
  }

  private toServerGroup(row: Record<string, unknown>): ServerGroup {
    return parseDomain(
      serverGroupSchema,
      { id: row.id, name: row.name, serverIds: readOrderedList(this.connection, 'server_group_members', 'server_group_id', 'cmp_server_id', row.id as string) },
      'server group (stored)',
    );
  }
}
