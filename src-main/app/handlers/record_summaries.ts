import type { GlobalConfig } from '../../../src-shared/domain';
import type { RecordStatus, RecordSummary } from '../../../src-shared/ipc';
import { recordViewFromRow, type RecordView } from '../../lifecycle/record_view';
import { decide, renewalStartsAt } from '../../lifecycle/renewal_policy';
import type { LifecycleTickRow, Store } from '../../store';

/** Names the summary shows next to ids, read once per list. */
interface Lookups {
  purpose: Map<string, RecordSummary['purpose']>;
  serial: Map<string, string>;
  profileName: Map<string, string>;
  serverNameByProfile: Map<string, string>;
}

function lookups(store: Store): Lookups {
  const connection = store.database.connection;
  const purpose = new Map(
    (connection.prepare('SELECT id, purpose FROM certificate_records').all() as { id: string; purpose: RecordSummary['purpose'] }[]).map((r) => [r.id, r.purpose]),
  );
  const serial = new Map(
    (connection.prepare("SELECT record_id, serial_number FROM certificates WHERE status = 'current'").all() as { record_id: string; serial_number: string }[]).map((r) => [r.record_id, r.serial_number]),
  );
  const config = store.config;
  const profiles = config.cmpProfiles.list();
  const groups = new Map(config.serverGroups.list().map((g) => [g.id, g]));
  const servers = new Map(config.cmpServers.list().map((s) => [s.id, s]));
  const serverNameByProfile = new Map<string, string>();
  for (const profile of profiles) {
    const group = profile.serverGroupId === null ? undefined : groups.get(profile.serverGroupId);
    const names = (group?.serverIds ?? []).map((id) => servers.get(id)?.name).filter((n): n is string => n !== undefined);
    if (names.length > 0) serverNameByProfile.set(profile.id, names.length === 1 ? names[0] : `${names[0]} +${names.length - 1}`);
  }
  return { purpose, serial, profileName: new Map(profiles.map((p) => [p.id, p.name])), serverNameByProfile };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The dashboard's status for a record: the lifecycle policy's own decision, in the table's words. */
export function recordStatus(view: RecordView, settings: GlobalConfig, now: number): { status: RecordStatus; detail: string } {
  const expired = view.current !== null && view.current.notAfter <= now;
  if (view.open !== null) {
    const { type, state } = view.open;
    const upper = type.toUpperCase();
    if (state === 'waiting') return { status: 'polling', detail: `${upper} sent; the CA asked us to wait and we poll` };
    if (state === 'queued') return { status: 'waiting-for-window', detail: `${upper} waits for the KUR window` };
    if (state === 'held') return { status: 'waiting-for-window', detail: 'The renewed certificate is put into use at the next KUR window' };
    return { status: 'in-progress', detail: `${upper} ${state}` };
  }
  if (view.managedBy === 'manual') return expired ? { status: 'expired', detail: 'Managed manually; the certificate expired' } : { status: 'manual', detail: 'Managed manually' };
  if (view.failures > 0 && view.lastError !== null) return { status: 'failed', detail: `${view.failures} failed attempt(s): ${view.lastError}` };
  if (expired) return { status: 'expired', detail: 'The certificate expired' };
  const decision = decide(view, settings, now);
  if (decision.action.kind === 'batch') return { status: 'waiting-for-window', detail: decision.reason };
  if (decision.action.kind === 'enroll') return { status: 'renewal-due', detail: decision.reason };
  if (view.current === null) return { status: view.desired === null ? 'failed' : 'renewal-due', detail: view.desired === null ? 'No CMP profile; the record cannot be enrolled' : 'No certificate yet' };
  return { status: 'valid', detail: decision.reason };
}

function summaryOf(row: LifecycleTickRow, view: RecordView, found: Lookups, settings: GlobalConfig, now: number): RecordSummary {
  const { status, detail } = recordStatus(view, settings, now);
  const renewAt = view.current === null ? null : renewalStartsAt(view.current.notAfter, view.renewBeforeExpiryDays);
  return {
    id: row.recordId,
    name: row.name,
    purpose: found.purpose.get(row.recordId) ?? 'other',
    commonName: row.subjectCommonName,
    status,
    statusDetail: detail,
    managedBy: row.managedBy,
    serialNumber: found.serial.get(row.recordId) ?? null,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    renewAt: iso(renewAt),
    profileName: row.cmpProfileId === null ? null : (found.profileName.get(row.cmpProfileId) ?? null),
    serverName: row.cmpProfileId === null ? null : (found.serverNameByProfile.get(row.cmpProfileId) ?? null),
    openTransaction: view.open === null ? null : { type: view.open.type, state: view.open.state },
    lastError: row.lastError,
  };
}

/** Every record as the dashboard lists it, from the tick's one-query rows (10,000 records in well under a second). */
export function listRecordSummaries(store: Store, now: number = Date.now()): RecordSummary[] {
  const found = lookups(store);
  const settings = store.config.globalConfig.get();
  return store.lifecycle.tickRows().map((row) => summaryOf(row, recordViewFromRow(row), found, settings, now));
}

/** One record's summary (the detail view's header). */
export function recordSummary(store: Store, recordId: string, now: number = Date.now()): RecordSummary | null {
  return listRecordSummaries(store, now).find((s) => s.id === recordId) ?? null;
}
