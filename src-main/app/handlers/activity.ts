import type { AuditQuery } from '../../../src-shared/ipc';
import type { UiContext } from './ui_context';

/** The newest events the filters look through; older ones are in the database for exports. */
const scanLimit = 20_000;

export function activityHandlers(context: UiContext) {
  const store = () => context.config.store;
  return {
    'activity.audit': (query: AuditQuery) => {
      const text = query.text?.trim().toLowerCase();
      const types = query.types && query.types.length > 0 ? new Set(query.types) : null;
      const kinds = query.objectKinds && query.objectKinds.length > 0 ? new Set(query.objectKinds) : null;
      const scanned = store().audit.list({ objectId: query.objectId, limit: scanLimit, newestFirst: true });
      const matching = scanned.filter(
        (e) =>
          (types === null || types.has(e.type)) &&
          (kinds === null || kinds.has(e.objectKind)) &&
          (query.since === undefined || e.at >= query.since) &&
          (query.until === undefined || e.at <= query.until) &&
          (text === undefined || text === '' || e.message.toLowerCase().includes(text)),
      );
      return { events: matching.slice(0, query.limit), truncated: matching.length > query.limit || scanned.length === scanLimit };
    },
    'activity.statistics': () => {
      const names = new Map(store().certificateRecords.list().map((r) => [r.id, r.name]));
      return { counters: store().statistics.list().map((c) => ({ ...c, recordName: c.recordId === null ? null : (names.get(c.recordId) ?? null) })) };
    },
    'activity.outstanding': () => {
      const records = new Map(store().certificateRecords.list().map((r) => [r.id, r.name]));
      const servers = new Map(store().config.cmpServers.list().map((s) => [s.id, s.name]));
      return {
        requests: store()
          .transactions.open()
          .map((transaction) => ({ transaction, recordName: records.get(transaction.recordId) ?? transaction.recordId, serverName: transaction.serverId === null ? null : (servers.get(transaction.serverId) ?? null) })),
      };
    },
  };
}
