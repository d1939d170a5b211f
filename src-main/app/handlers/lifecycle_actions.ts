import type { ActionOutcome, RevocationReasonName, TransactionProgress } from '../../../src-shared/ipc';
import type { RecordView } from '../../lifecycle/record_view';
import { UiActionError } from './user_errors';

/**
 * What the UI asks of the lifecycle engine. The composition root adapts the engine to this; the
 * handlers stay the same whichever engine build runs underneath.
 */
export interface LifecycleActions {
  /** Whether an engine runs; without one every action is refused with a message that says so. */
  readonly available: boolean;
  /** Sends a KUR (IR when there is no certificate) now; applyNow: put the result into use at once instead of at the next KUR window. */
  forceRenew(recordId: string, options: { applyNow: boolean }): Promise<ActionOutcome>;
  /** Examines the record now (first enrollment of a new record, a due renewal) instead of at the next tick. */
  processNow(recordId: string): Promise<ActionOutcome>;
  pollNow(recordId: string): Promise<ActionOutcome>;
  /** Sends a new IR (initial authentication) now even when the certificate could be renewed with a KUR. */
  reenroll(recordId: string): Promise<ActionOutcome>;
  revoke(recordId: string, reason: RevocationReasonName): Promise<ActionOutcome>;
  cancelTransaction(recordId: string): Promise<ActionOutcome>;
  /**
   * Every record as the running engine sees it (its cached read while nothing changed), once the
   * engine has opened; undefined without an engine.
   */
  recordViews(): Promise<readonly RecordView[] | undefined>;
  /** Transaction steps and record changes as they happen; returns a disposer. */
  subscribe(listener: LifecycleListener): () => void;
}

export interface LifecycleListener {
  progress(event: TransactionProgress): void;
  recordsChanged(recordIds: string[]): void;
}

/** The engine is not running in this process (e.g. it failed to start): say so instead of pretending. */
export function unavailableLifecycle(reason: string): LifecycleActions {
  const refuse = async (): Promise<ActionOutcome> => {
    throw new UiActionError(`The lifecycle engine is not running: ${reason}`);
  };
  return {
    available: false,
    forceRenew: refuse,
    processNow: refuse,
    pollNow: refuse,
    reenroll: refuse,
    revoke: refuse,
    cancelTransaction: refuse,
    recordViews: async () => undefined,
    subscribe: () => () => {},
  };
}
