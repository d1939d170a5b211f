import type { GlobalConfig } from '../../../src-shared/domain';
import type { RecordStatus, RecordSummary } from '../../../src-shared/ipc';
import { recordViewFromRow, type RecordView } from '../../lifecycle/record_view';
import { decide, renewalStartsAt } from '../../lifecycle/renewal_policy';
import type { RecordTableRow, Store } from '../../store';

/** Profile and server names the summary shows next to ids (a few rows), read once per list. */
interface Lookups {
  profileName: Map<string, string>;
  serverNameByProfile: Map<string, string>;
}

function lookups(store: Store): Lookups {
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
  return { profileName: new Map(profiles.map((p) => [p.id, p.name])), serverNameByProfile };
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

function summaryOf(row: RecordTableRow, view: RecordView, found: Lookups, settings: GlobalConfig, now: number): RecordSummary {
  const { status, detail } = recordStatus(view, settings, now);
  const renewAt = view.current === null ? null : renewalStartsAt(view.current.notAfter, view.renewBeforeExpiryDays);
  return {
    id: row.recordId,
    name: row.name,
    purpose: row.purpose as RecordSummary['purpose'],
    commonName: row.subjectCommonName,
    status,
    statusDetail: detail,
    managedBy: row.managedBy,
    serialNumber: row.serialNumber,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    renewAt: iso(renewAt),
    profileName: row.cmpProfileId === null ? null : (found.profileName.get(row.cmpProfileId) ?? null),
    serverName: row.cmpProfileId === null ? null : (found.serverNameByProfile.get(row.cmpProfileId) ?? null),
    openTransaction: view.open === null ? null : { type: view.open.type, state: view.open.state },
    lastError: row.lastError,
  };
}

/**
 * Every record as the dashboard lists it: the table's own columns from one narrow query, the
 * lifecycle state from `views` (the running engine's, reused while nothing changed) or, without an
 * engine, from the tick query.
 */
export function listRecordSummaries(store: Store, now: number = Date.now(), views?: readonly RecordView[]): RecordSummary[] {
  const found = lookups(store);
  const settings = store.config.globalConfig.get();
  const byId = new Map((views ?? store.lifecycle.tickRows().map(recordViewFromRow)).map((v) => [v.recordId, v]));
  return store.lifecycle.recordTableRows().flatMap((row) => {
    // A record saved after the engine's read: its own row.
    const view = byId.get(row.recordId) ?? viewOf(store, row.recordId);
    return view === null ? [] : [summaryOf(row, view, found, settings, now)];
  });
}

function viewOf(store: Store, recordId: string): RecordView | null {
  const row = store.lifecycle.tickRow(recordId);
  return row === null ? null : recordViewFromRow(row);
}

/** One record's summary (the detail view's header), from its own two rows. */
export function recordSummary(store: Store, recordId: string, now: number = Date.now()): RecordSummary | null {
  const row = store.lifecycle.recordTableRow(recordId);
  const view = viewOf(store, recordId);
  if (row === null || view === null) return null;
  return summaryOf(row, view, lookups(store), store.config.globalConfig.get(), now);
}
