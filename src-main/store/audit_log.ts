import { auditEventSchema, parseDomain, type AuditEvent, type AuditEventType, type AuditObjectKind } from '../../src-shared/domain';
import type { Connection } from './database';

/** An event to append; the log assigns sequence and time. */
export interface NewAuditEvent {
  type: AuditEventType;
  objectKind: AuditObjectKind;
  objectId: string | null;
  before?: unknown;
  after?: unknown;
  message: string;
}

export interface AuditLogQuery {
  objectKind?: AuditObjectKind;
  objectId?: string;
  /** Only events after this sequence number (for incremental timelines). */
  afterSequence?: number;
  /** At most this many events (default 1000). */
  limit?: number;
  /** Newest first, for "the latest N events"; default is the order they happened. */
  newestFirst?: boolean;
}

/** Field names whose values are secrets or key material; their values never reach the log. */
const secretFieldName = /secret|password|passphrase|pkcs8|ciphertext|^iak$|^initialAuthenticationKey$|^privateKey$|^dataKey$|^key$/i;
export const redactedMarker = '[redacted]';

/**
 * Replaces secret fields and raw bytes in an object snapshot. Bytes are dropped as a whole because
 * nothing tells a DER certificate from a DER private key once it is a Buffer.
 */
export function redactSecrets(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Uint8Array) return `[${value.length} bytes omitted]`;
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretFieldName.test(k) ? redactedMarker : redactSecrets(v)]));
  }
  return value;
}

/** The append-only audit log; the timelines and statistics views read it. */
export class AuditLog {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(event: NewAuditEvent): AuditEvent {
    const at = this.now().toISOString();
    const before = event.before === undefined ? null : JSON.stringify(redactSecrets(event.before));
    const after = event.after === undefined ? null : JSON.stringify(redactSecrets(event.after));
    const result = this.connection
      .prepare('INSERT INTO events (at, type, object_kind, object_id, before_json, after_json, message) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(at, event.type, event.objectKind, event.objectId, before, after, event.message);
    return this.mapRow({ sequence: Number(result.lastInsertRowid), at, type: event.type, object_kind: event.objectKind, object_id: event.objectId, before_json: before, after_json: after, message: event.message });
  }

  /** Events in the order they happened, optionally for one object or after a known sequence. */
  list(query: AuditLogQuery = {}): AuditEvent[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const filters: [string, string | number | undefined][] = [
      ['object_kind = ?', query.objectKind],
      ['object_id = ?', query.objectId],
      ['sequence > ?', query.afterSequence],
    ];
    for (const [condition, value] of filters) {
      if (value === undefined) continue;
      where.push(condition);
      params.push(value);
    }
    const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence ${query.newestFirst ? 'DESC' : 'ASC'} LIMIT ?`;
    return (this.connection.prepare(sql).all(...params, query.limit ?? 1000) as EventRow[]).map((row) => this.mapRow(row));
  }

  private mapRow(row: EventRow): AuditEvent {
    return parseDomain(
      auditEventSchema,
      {
        sequence: row.sequence,
        at: row.at,
        type: row.type,
        objectKind: row.object_kind,
        objectId: row.object_id,
        before: row.before_json === null ? null : JSON.parse(row.before_json),
        after: row.after_json === null ? null : JSON.parse(row.after_json),
        message: row.message,
      },
      'audit event',
    );
  }
}

interface EventRow {
  sequence: number;
  at: string;
  type: string;
  object_kind: string;
  object_id: string | null;
  before_json: string | null;
  after_json: string | null;
  message: string;
}
