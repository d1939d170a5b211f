import { decide, renewalStartsAt, type PolicySettings } from './renewal_policy';
import type { RecordView } from './record_view';

/** One renewal the engine expects to perform. */
export interface ForecastEntry {
  recordId: string;
  name: string;
  /** When the request is expected to go out (inside the KUR window for a KUR). */
  at: number;
  type: 'ir' | 'kur';
  reason: string;
  /** The certificate it replaces expires then (null: there is none). */
  replacesNotAfter: number | null;
  /** For a KUR that had to wait for the window: when it became due. */
  dueSince: number | null;
}

const day = 86_400_000;
/** Renewals per record listed at most; a certificate valid minutes would otherwise fill the list. */
const maxEntriesPerRecord = 50;

/**
 * The renewals of the next `days` days, computed with the same decide() the tick uses: for each
 * record the earliest time the policy starts an IR or KUR, assuming it succeeds and the new
 * certificate is valid as long as the current one, and so on until the horizon.
 */
export function forecastRenewals(views: readonly RecordView[], settings: PolicySettings, now: number, days: number): ForecastEntry[] {
  const horizon = now + days * day;
  const entries: ForecastEntry[] = [];
  for (const original of views) {
    let view: RecordView = { ...original, lastWarningAt: null };
    let from = now;
    for (let n = 0; n < maxEntriesPerRecord; n++) {
      const entry = nextRenewal(view, settings, from);
      if (entry === null || entry.at > horizon) break;
      entries.push(entry);
      const lifetime = view.current ? view.current.notAfter - view.current.notBefore : null;
      if (lifetime === null || lifetime <= 0 || view.desired === null) break;
      view = { ...view, open: null, retryAt: null, failures: 0, current: { certificateId: view.current!.certificateId, notBefore: entry.at, notAfter: entry.at + lifetime, requested: view.desired } };
      from = entry.at + 1;
    }
  }
  return entries.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
}

function nextRenewal(view: RecordView, settings: PolicySettings, from: number): ForecastEntry | null {
  if (view.open !== null || view.managedBy !== 'cmp' || view.desired === null) return null;
  const renewAt = view.current ? renewalStartsAt(view.current.notAfter, view.renewBeforeExpiryDays) : null;
  const candidates = [from, view.retryAt ?? from];
  const first = decide(view, settings, Math.max(...candidates));
  let at = Math.max(...candidates);
  let decision = first;
  if (decision.action.kind === 'nothing' && renewAt !== null && renewAt > at) {
    at = renewAt;
    decision = decide(view, settings, at);
  }
  const replacesNotAfter = view.current?.notAfter ?? null;
  switch (decision.action.kind) {
    case 'enroll':
      return { recordId: view.recordId, name: view.name, at, type: decision.action.type, reason: decision.reason, replacesNotAfter, dueSince: null };
    case 'batch':
      return { recordId: view.recordId, name: view.name, at: decision.action.windowOpensAt, type: 'kur', reason: decision.reason, replacesNotAfter, dueSince: at };
    case 'delete':
      return { recordId: view.recordId, name: view.name, at, type: 'ir', reason: decision.reason, replacesNotAfter, dueSince: null };
    default:
      return null;
  }
}
