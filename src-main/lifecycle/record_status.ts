import type { Store } from '../store';
import type { LifecycleDecision } from './renewal_policy';
import type { RecordView } from './record_view';

/** One line of `cmp-desk status`: what an administrator checks first. */
export interface RecordStatus {
  name: string;
  state: string;
  serial: string | null;
  notAfter: string | null;
  managedBy: 'cmp' | 'manual';
  lastError: string | null;
  reason: string;
}

/** The state word for a record, from its view and the policy's decision. */
export function recordState(view: RecordView, decision: LifecycleDecision, now: number): string {
  if (view.open !== null) return view.open.state === 'held' ? 'held (waits for the KUR window)' : view.open.state;
  switch (decision.action.kind) {
    case 'batch':
      return 'batched (waits for the KUR window)';
    case 'enroll':
      return view.retryAt !== null ? 'retrying' : 'due';
    case 'delete':
      return 'expired';
    default:
      if (view.current === null) return view.failures > 0 ? 'failing' : 'no certificate';
      if (view.current.notAfter <= now) return 'expired';
      return view.failures > 0 ? 'valid, renewal failing' : 'valid';
  }
}

export function recordStatuses(store: Store, plan: readonly { view: RecordView; decision: LifecycleDecision }[], now: number): RecordStatus[] {
  return plan.map(({ view, decision }) => {
    const current = view.current ? store.certificates.get(view.current.certificateId) : null;
    const lastTransaction = store.transactions.history(view.recordId, 1)[0];
    return {
      name: view.name,
      state: recordState(view, decision, now),
      serial: current?.serialNumber ?? null,
      notAfter: current?.notAfter ?? null,
      managedBy: view.managedBy,
      lastError: view.lastError ?? lastTransaction?.lastError ?? null,
      reason: decision.reason,
    };
  });
}
