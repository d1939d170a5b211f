import type { GlobalConfig, TransactionTrigger } from '../../src-shared/domain';
import { isInsideKurWindow, kurWindowOf, nextKurWindowOpening } from './kur_window';
import type { RecordView } from './record_view';
import { parameterChange } from './request_parameters';

const day = 86_400_000;
const hour = 3_600_000;

/**
 * What the processing tick does with one record, and why (the reason is shown to the administrator
 * and used by the forecast). The policy is pure: record view + settings + now -> decision.
 */
export type LifecycleAction =
  | { kind: 'nothing' }
  | { kind: 'enroll'; type: 'ir' | 'kur'; trigger: TransactionTrigger }
  /** A KUR is due but the KUR window is closed: it waits in the batch until `windowOpensAt`. */
  | { kind: 'batch'; trigger: TransactionTrigger; windowOpensAt: number }
  /** The CA said "waiting": send pollReq (the retry count starts again at every tick). */
  | { kind: 'poll' }
  /** A transaction was interrupted (restart) after its request or certConf went out: finish it. */
  | { kind: 'resume' }
  /** A received certificate waits for the KUR window (or was forced with apply-now): put it into use. */
  | { kind: 'replace' }
  /** A received certificate waits for the window that opens at `windowOpensAt`. */
  | { kind: 'hold'; windowOpensAt: number }
  /** The CMP-managed certificate expired although every renewal failed: delete it and its references. */
  | { kind: 'delete' };

export interface LifecycleDecision {
  action: LifecycleAction;
  reason: string;
  /** An expiry warning (or its repetition) is due. */
  warn: boolean;
}

export type PolicySettings = Pick<GlobalConfig, 'kurWindowStart' | 'kurWindowEnd' | 'expiryWarningDays' | 'expiryNotificationIntervalHours'>;

const iso = (ms: number) => new Date(ms).toISOString();

/** When renew-before-expiry is reached for a certificate, or null when automatic renewal is off. */
export function renewalStartsAt(notAfter: number, renewBeforeExpiryDays: number | null): number | null {
  if (renewBeforeExpiryDays === null || renewBeforeExpiryDays <= 0) return null;
  return notAfter - renewBeforeExpiryDays * day;
}

/** Whether an expiry warning is due: inside the warning period, first time or after the repeat interval. */
export function expiryWarningDue(view: RecordView, settings: PolicySettings, now: number): boolean {
  if (view.current === null || view.current.notAfter <= now) return false;
  if (now < view.current.notAfter - settings.expiryWarningDays * day) return false;
  return view.lastWarningAt === null || now - view.lastWarningAt >= settings.expiryNotificationIntervalHours * hour || view.lastWarningAt < view.current.notBefore;
}

/** Which enrollment the record needs now (reference/000 IR and KUR triggers), ignoring the window and retries. */
export function enrollmentNeeded(view: RecordView, now: number): { type: 'ir' | 'kur'; trigger: TransactionTrigger; reason: string } | null {
  const desired = view.desired;
  if (desired === null) return null;
  const current = view.current;
  if (current === null || current.notAfter <= now) return { type: 'ir', trigger: 'no-certificate', reason: 'the record has no valid certificate' };
  if (current.requested === null) return { type: 'ir', trigger: 'manual-to-cmp', reason: 'the record moved from manual to CMP management' };
  const change = current.matchesDesired ? null : parameterChange(current.requested, desired);
  if (change === 'profile-changed') return { type: 'ir', trigger: change, reason: 'the CMP profile of the record changed' };
  if (change === 'subject-changed') return { type: 'ir', trigger: change, reason: 'a subject DN field changed' };
  if (change === 'key-spec-changed') return { type: 'kur', trigger: change, reason: 'key, alternative names, key usage, extended key usage or digest changed' };
  const renewAt = renewalStartsAt(current.notAfter, view.renewBeforeExpiryDays);
  if (renewAt !== null && now >= renewAt) return { type: 'kur', trigger: 'renew-before-expiry', reason: `renew-before-expiry (${view.renewBeforeExpiryDays} days) reached; expires ${iso(current.notAfter)}` };
  return null;
}

export function decide(view: RecordView, settings: PolicySettings, now: number): LifecycleDecision {
  const warn = expiryWarningDue(view, settings, now);
  const result = (action: LifecycleAction, reason: string): LifecycleDecision => ({ action, reason, warn });
  const window = kurWindowOf(settings);
  const open = view.open;
  if (open !== null) {
    switch (open.state) {
      case 'held':
        if (open.applyMode === 'now' || isInsideKurWindow(new Date(now), window)) return result({ kind: 'replace' }, 'the renewed certificate is put into use');
        return result({ kind: 'hold', windowOpensAt: nextKurWindowOpening(new Date(now), window).getTime() }, 'the renewed certificate waits for the KUR window');
      case 'waiting':
        if (open.nextPollAt === null || open.nextPollAt <= now) return result({ kind: 'poll' }, 'the CA asked us to poll');
        return result({ kind: 'nothing' }, `next poll at ${iso(open.nextPollAt)}`);
      case 'requested':
      case 'confirming':
        return result({ kind: 'resume' }, `the ${open.type} transaction was interrupted while ${open.state}`);
      default:
        return result({ kind: 'nothing' }, `a ${open.type} transaction is ${open.state}`);
    }
  }
  if (view.managedBy === 'manual') return result({ kind: 'nothing' }, 'managed manually');
  if (view.current !== null && view.current.notAfter <= now) return result({ kind: 'delete' }, `the certificate expired at ${iso(view.current.notAfter)} and every renewal failed`);
  const needed = enrollmentNeeded(view, now);
  if (needed === null) return result({ kind: 'nothing' }, view.desired === null ? 'no CMP profile' : 'the certificate is valid and matches the record');
  if (view.retryAt !== null && now < view.retryAt) return result({ kind: 'nothing' }, `${needed.reason}; retry at ${iso(view.retryAt)} after ${view.failures} failure(s): ${view.lastError ?? ''}`);
  if (needed.type === 'kur' && !isInsideKurWindow(new Date(now), window)) {
    const opens = nextKurWindowOpening(new Date(now), window).getTime();
    return result({ kind: 'batch', trigger: needed.trigger, windowOpensAt: opens }, `${needed.reason}; waits in the batch for the KUR window at ${iso(opens)}`);
  }
  return result({ kind: 'enroll', type: needed.type, trigger: needed.trigger }, needed.reason);
}

/**
 * Until when decide() keeps answering "nothing, no warning" for this view if nothing about it
 * changes: the next renewal start, warning, repeat warning, retry, poll or expiry. The tick skips
 * the decision for a quiet record; any change to the record makes the engine read it again.
 */
export function quietUntil(view: RecordView, settings: PolicySettings, decision: LifecycleDecision, now: number): number {
  if (decision.action.kind !== 'nothing' || decision.warn) return now;
  const times: number[] = [];
  if (view.open !== null) {
    if (view.open.state !== 'waiting' || view.open.nextPollAt === null) return now;
    times.push(view.open.nextPollAt);
  }
  if (view.retryAt !== null) times.push(view.retryAt);
  const current = view.current;
  if (current !== null) {
    times.push(current.notAfter, current.notAfter - settings.expiryWarningDays * day);
    const renewAt = renewalStartsAt(current.notAfter, view.renewBeforeExpiryDays);
    if (renewAt !== null) times.push(renewAt);
    if (view.lastWarningAt !== null) times.push(view.lastWarningAt + settings.expiryNotificationIntervalHours * hour);
  }
  const future = times.filter((t) => t > now);
  return future.length === 0 ? (times.length === 0 ? Number.POSITIVE_INFINITY : now) : Math.min(...future);
}
