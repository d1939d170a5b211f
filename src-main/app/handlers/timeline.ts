import type { AuditEvent, Transaction } from '../../../src-shared/domain';
import type { Timeline, TimelineLane, TimelineMarker } from '../../../src-shared/ipc';
import { forecastRenewals } from '../../lifecycle/forecast';
import { recordViewFromRow } from '../../lifecycle/record_view';
import type { Store } from '../../store';
import type { UiContext } from './ui_context';

/** How far ahead the forecast looks: a year covers the yearly zoom level. */
const forecastDays = 400;
const markerLimit = 300;

const eventKinds: Partial<Record<AuditEvent['type'], TimelineMarker['kind']>> = {
  enrolled: 'issued',
  renewed: 'issued',
  polled: 'polled',
  rejected: 'rejected',
  failed: 'failed',
  deleted: 'deleted',
};

function transactionMarkers(transaction: Transaction): TimelineMarker[] {
  const kind: TimelineMarker['kind'] = transaction.type === 'kur' ? 'kur' : transaction.type === 'ir' || transaction.type === 'cr' || transaction.type === 'p10cr' ? 'ir' : transaction.type === 'rr' ? 'revoked' : 'other';
  const markers: TimelineMarker[] = [{ at: transaction.startedAt, kind, label: `${transaction.type.toUpperCase()} sent (${transaction.trigger.replaceAll('-', ' ')})` }];
  const end: Partial<Record<Transaction['state'], TimelineMarker['kind']>> = { waiting: 'waiting', completed: 'confirmed', failed: 'failed', rejected: 'rejected' };
  const endKind = end[transaction.state];
  if (endKind !== undefined) {
    const label = transaction.state === 'waiting' ? `Waiting; ${transaction.attempts} request(s) so far` : transaction.state === 'completed' ? `${transaction.type.toUpperCase()} confirmed` : `${transaction.type.toUpperCase()} ${transaction.state}: ${transaction.lastError ?? ''}`;
    markers.push({ at: transaction.updatedAt, kind: endKind, label });
  }
  return markers;
}

function laneMarkers(store: Store, recordId: string, transactions: Transaction[], certificateIds: string[]): TimelineMarker[] {
  const events = [
    ...store.audit.list({ objectKind: 'certificate-record', objectId: recordId, limit: markerLimit, newestFirst: true }),
    ...certificateIds.flatMap((id) => store.audit.list({ objectKind: 'certificate', objectId: id, limit: 20, newestFirst: true })),
  ];
  const fromEvents = events.flatMap((e): TimelineMarker[] => {
    const kind = eventKinds[e.type];
    return kind === undefined ? [] : [{ at: e.at, kind, label: e.message }];
  });
  return [...transactions.flatMap(transactionMarkers), ...fromEvents].sort((a, b) => a.at.localeCompare(b.at)).slice(-markerLimit);
}

/** The lanes of the timeline: validity bars, markers and forecast per record. */
export function timelineFor(context: UiContext, recordIds: string[]): Timeline {
  const store = context.config.store;
  const rows = store.lifecycle.tickRowsFor(recordIds);
  const settings = store.config.globalConfig.get();
  const now = context.now().getTime();
  const views = rows.map(recordViewFromRow);
  const forecast = forecastRenewals(views, settings, now, forecastDays);
  const lanes: TimelineLane[] = rows.map((row) => {
    const history = store.certificates.history(row.recordId);
    const transactions = store.transactions.history(row.recordId, 50);
    return {
      recordId: row.recordId,
      name: row.name,
      versions: history.map((c) => ({ id: c.id, status: c.status, origin: c.origin, serialNumber: c.serialNumber, notBefore: c.notBefore, notAfter: c.notAfter, obtainedAt: c.obtainedAt })),
      renewBeforeExpiryDays: row.renewBeforeExpiryDays,
      markers: laneMarkers(store, row.recordId, transactions, history.map((c) => c.id)),
      forecast: forecast.filter((f) => f.recordId === row.recordId).map((f) => ({ at: new Date(f.at).toISOString(), type: f.type, reason: f.reason })),
    };
  });
  const order = new Map(recordIds.map((id, i) => [id, i]));
  lanes.sort((a, b) => (order.get(a.recordId) ?? 0) - (order.get(b.recordId) ?? 0));
  return { lanes, kurWindow: { start: settings.kurWindowStart, end: settings.kurWindowEnd }, forecastAvailable: true, generatedAt: context.now().toISOString() };
}

export function timelineHandlers(context: UiContext) {
  return { 'timeline.get': ({ recordIds }: { recordIds: string[] }) => timelineFor(context, recordIds) };
}
