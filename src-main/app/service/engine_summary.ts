import type { LifecycleDecision, RecordView } from '../../lifecycle';

/** The states the tray and /metrics count records by, in the administrator's words. */
export const recordSummaryStates = ['valid', 'due', 'renewing', 'held', 'failing', 'expired', 'no-certificate'] as const;
export type RecordSummaryState = (typeof recordSummaryStates)[number];

export interface EngineSummary {
  byState: Record<RecordSummaryState, number>;
  /** The earliest notAfter of any current certificate (ms), null when there is none. */
  earliestExpiryAt: number | null;
  /** Records the tray's "Renew all due now" would renew. */
  dueRecordIds: string[];
}

/** One record's bucket: an open transaction first, then what the policy decided, then the certificate. */
export function summaryState(view: RecordView, decision: LifecycleDecision, now: number): RecordSummaryState {
  if (view.open !== null) return view.open.state === 'held' ? 'held' : 'renewing';
  switch (decision.action.kind) {
    case 'batch':
      return 'due';
    case 'enroll':
      return view.failures > 0 ? 'failing' : 'due';
    case 'delete':
      return 'expired';
  }
  if (view.current === null) return view.failures > 0 ? 'failing' : 'no-certificate';
  if (view.current.notAfter <= now) return 'expired';
  return view.failures > 0 ? 'failing' : 'valid';
}

/** Counts the engine's plan (one query, no certificate decoding), for the tray and the metrics. */
export function summarizePlan(plan: readonly { view: RecordView; decision: LifecycleDecision }[], now: number): EngineSummary {
  const byState = Object.fromEntries(recordSummaryStates.map((s) => [s, 0])) as Record<RecordSummaryState, number>;
  let earliestExpiryAt: number | null = null;
  const dueRecordIds: string[] = [];
  for (const { view, decision } of plan) {
    const state = summaryState(view, decision, now);
    byState[state]++;
    if (state === 'due' || (state === 'failing' && decision.action.kind === 'enroll')) dueRecordIds.push(view.recordId);
    if (view.current !== null && (earliestExpiryAt === null || view.current.notAfter < earliestExpiryAt)) earliestExpiryAt = view.current.notAfter;
  }
  return { byState, earliestExpiryAt, dueRecordIds };
}

/** The three numbers the tray menu shows. */
export function trayCounts(summary: EngineSummary): { valid: number; due: number; failing: number } {
  const s = summary.byState;
  return { valid: s.valid, due: s.due + s.renewing + s.held, failing: s.failing + s.expired };
}
