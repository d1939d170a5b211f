import type { ActionOutcome, RevocationReasonName, TransactionProgress } from '../../../src-shared/ipc';
import { systemClock, type TransactionSnapshot } from '../../cmp/transactions';
import { CmpEnroller, LifecycleScheduler, openLifecycle, type EnrollmentJob, type EnrollmentOutcome, type Enroller, type LifecycleNotification, type Notifier, type OpenLifecycle } from '../../lifecycle';
import type { RecordView } from '../../lifecycle/record_view';
import type { AppLogger } from '../logger';
import type { BackgroundEngine, EngineStatus } from '../service/background_engine';
import { summarizePlan, trayCounts } from '../service/engine_summary';
import { EnrollmentCounter } from '../service/enrollment_counter';
import { acquireSchedulerLock, type SchedulerLock } from '../service/scheduler_lock';
import type { LifecycleActions, LifecycleListener } from './lifecycle_actions';
import { revokeCurrentCertificate } from './record_revocation';
import { UiActionError } from './user_errors';

/** Up to this many expiry warnings of one tick are logged one by one; more become one line naming the first ones. */
const WARNINGS_LOGGED_ONE_BY_ONE = 10;

/** How long an action waits for the engine to refuse it (record busy, no such record) before answering "started". */
const refusalWindowMs = 100;

/**
 * True when the engine refused the work before starting it (unknown record, work or an exchange
 * already running): those checks run before forceRenew's first await, so its promise is already
 * rejected when it is returned, and its handler runs before a handler queued after it.
 */
async function refusedAtOnce(work: Promise<void>): Promise<boolean> {
  return Promise.race([work.then(() => false, () => true), Promise.resolve().then(() => false)]);
}

/** What each CMP transaction state means to the administrator watching the transaction. */
function stepMessage(type: string, state: string, server: string | null, nextPollAt: string | undefined): string {
  const at = server ? ` (${server})` : '';
  switch (state) {
    case 'sent':
      return `Sent ${type.toUpperCase()}${at}`;
    case 'waiting':
      return `The CA asked us to wait${nextPollAt ? `; next poll at ${nextPollAt}` : ''}`;
    case 'polling':
      return `Polled the CA (pollReq)${at}`;
    case 'received':
      return 'Certificate issued and checked (key, chain, subject, validity)';
    case 'confirming':
      return 'Sent certConf; waiting for the CA to confirm';
    case 'confirmed':
      return 'Confirmed by the CA';
    default:
      return `${type.toUpperCase()} ${state}`;
  }
}

/**
 * The lifecycle engine as the desktop UI drives it: opened on the data folder, ticking on the
 * GlobalConfig interval under the scheduler lock, every CMP step of every transaction pushed as a
 * progress event, and records reported changed when the engine's work on them ends.
 */
export class EngineLifecycle implements LifecycleActions {
  private readonly listeners = new Set<LifecycleListener>();
  private opened: OpenLifecycle | undefined;
  private scheduler: LifecycleScheduler | undefined;
  private lock: SchedulerLock | undefined;
  private failure: string | undefined;
  private notifier: Notifier | undefined;
  private paused = false;
  private readonly counter = new EnrollmentCounter();
  /** Records named by notifications since the last records.changed (see notified()). */
  private readonly notifiedRecords = new Set<string>();
  /** Expiry warnings not logged yet: a tick over a large fleet logs them as one line (see notified()). */
  private readonly unloggedWarnings: LifecycleNotification[] = [];
  private notifiedFlush: NodeJS.Immediate | undefined;
  readonly ready: Promise<void>;

  constructor(dataDir: string, private readonly logger: AppLogger) {
    this.ready = this.open(dataDir);
  }

  get available(): boolean {
    return this.opened !== undefined;
  }

  private async open(dataDir: string): Promise<void> {
    try {
      this.lock = acquireSchedulerLock({ dataDir, kind: 'desktop' });
      // The real enroller needs the vault openLifecycle creates; it is set before the first tick.
      const late: { enroller?: Enroller } = {};
      const reporting: Enroller = { enroll: (job) => this.reportedEnroll(late.enroller as Enroller, job) };
      this.counter.inner = reporting;
      const opened = await openLifecycle({ dataDir, enroller: this.counter, notifier: { notify: (n) => this.notified(n) } });
      late.enroller = new CmpEnroller({ store: opened.store, vault: opened.vault, iaks: opened.iaks, clock: systemClock });
      this.opened = opened;
      this.scheduler = new LifecycleScheduler(opened.engine, undefined, (report) => {
        const acted = report.decisions.filter((d) => d.acted).map((d) => d.recordId);
        if (acted.length > 0) void opened.engine.idle().then(() => this.emitChanged(acted));
      });
      if (!this.paused) this.scheduler.start();
    } catch (error) {
      this.lock?.release();
      this.lock = undefined;
      this.failure = error instanceof Error ? error.message : String(error);
      this.logger.error('lifecycle', `the lifecycle engine did not start: ${this.failure}`);
    }
  }

  /** Where the lifecycle's notifications go besides the log: OS notifications (Electron) or the notifications.show event (web host). */
  useNotifier(notifier: Notifier): void {
    this.notifier = notifier;
  }

  /**
   * A tick can warn 10,000 records at once. Their records.changed events are gathered until the
   * tick has handed out its notifications, then sent as one event instead of 10,000; and beyond a
   * few, the warnings become one log line (each one is in the audit log, which Activity shows).
   */
  private notified(notification: LifecycleNotification): void {
    if (notification.kind === 'expiry-warning') this.unloggedWarnings.push(notification);
    else this.logger.info('lifecycle', notification.message);
    this.notifiedRecords.add(notification.recordId);
    this.notifiedFlush ??= setImmediate(() => this.flushNotified());
    this.notifier?.notify(notification);
  }

  private flushNotified(): void {
    this.notifiedFlush = undefined;
    const warnings = this.unloggedWarnings.splice(0);
    if (warnings.length > WARNINGS_LOGGED_ONE_BY_ONE) {
      const names = warnings.slice(0, WARNINGS_LOGGED_ONE_BY_ONE).map((w) => `"${w.recordName}"`).join(', ');
      this.logger.info('lifecycle', `Expiry warnings for ${warnings.length} certificates (${names}, …); each one is in Activity`);
    } else {
      for (const warning of warnings) this.logger.info('lifecycle', warning.message);
    }
    const recordIds = [...this.notifiedRecords];
    this.notifiedRecords.clear();
    if (recordIds.length > 0) this.emitChanged(recordIds);
  }

  private async engine() {
    await this.ready;
    if (this.opened === undefined) throw new UiActionError(`The lifecycle engine is not running: ${this.failure ?? 'it did not start'}`);
    return this.opened.engine;
  }

  private emit(progress: TransactionProgress): void {
    for (const listener of this.listeners) listener.progress(progress);
  }

  private emitChanged(recordIds: string[]): void {
    for (const listener of this.listeners) listener.recordsChanged(recordIds);
  }

  /** Runs one enrollment and pushes each message it sends and how it ends. */
  private async reportedEnroll(inner: Enroller, job: EnrollmentJob): Promise<EnrollmentOutcome> {
    const transactionId: string | null = null;
    const push = (step: string, message: string, final = false) =>
      this.emit({ recordId: job.recordId, transactionId, type: job.type, step, message, at: new Date().toISOString(), final });
    let last = '';
    const journal = {
      checkpoint: (snapshot: TransactionSnapshot, serverName: string | null) => {
        job.journal.checkpoint(snapshot, serverName);
        if (snapshot.state === last || snapshot.state === 'preparing') return;
        last = snapshot.state;
        push(snapshot.state, stepMessage(job.type, snapshot.state, serverName, snapshot.nextPollAt ?? undefined));
      },
    };
    const outcome = await inner.enroll({ ...job, journal });
    if (outcome.status === 'issued') push('issued', `Certificate ${outcome.certificate.serialHex.toLowerCase()} issued, valid until ${outcome.certificate.notAfter.toISOString()}`, true);
    else if (outcome.status === 'paused') push('paused', `Paused: ${outcome.reason}; the next tick finishes it`, true);
    else if (outcome.status === 'waiting') push('waiting', `The CA asked us to wait; polling resumes at ${new Date(outcome.nextPollAt).toISOString()}`, true);
    else push('failed', `${job.type.toUpperCase()} ${outcome.status}: ${outcome.reason}`, true);
    return outcome;
  }

  /** Starts work and answers at once; a quick refusal (busy record) becomes the IPC error. */
  private async started(work: Promise<void>, recordIds: string[], message: string): Promise<ActionOutcome> {
    const finished = work.then(() => this.emitChanged(recordIds));
    const early = await Promise.race([finished.then(() => 'done' as const), new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), refusalWindowMs))]);
    if (early === 'running') finished.catch((error: unknown) => this.logger.error('lifecycle', String(error)));
    this.emitChanged(recordIds);
    return { message, transactionId: null };
  }

  async forceRenew(recordId: string, options: { applyNow: boolean }): Promise<ActionOutcome> {
    const engine = await this.engine();
    return this.started(
      engine.forceRenew(recordId, options),
      [recordId],
      options.applyNow ? 'Force renew started; the new certificate is put into use as soon as it is issued' : 'Force renew started; the new certificate is put into use at the next KUR window',
    );
  }

  /** One processing tick now: it enrolls this record if it needs it (and does whatever else is due). */
  async processNow(recordId: string): Promise<ActionOutcome> {
    const engine = await this.engine();
    const report = engine.tick();
    const mine = report.decisions.find((d) => d.recordId === recordId);
    const acted = report.decisions.filter((d) => d.acted).map((d) => d.recordId);
    void engine.idle().then(() => this.emitChanged(acted));
    if (mine === undefined) throw new UiActionError('The record is not in the store (was it deleted?)');
    return { message: mine.acted ? `Started: ${mine.decision.reason}` : `Nothing to do now: ${mine.decision.reason}`, transactionId: null };
  }

  async pollNow(recordId: string): Promise<ActionOutcome> {
    const engine = await this.engine();
    const open = this.opened!.store.transactions.openForRecord(recordId);
    if (open === null || open.state !== 'waiting') throw new UiActionError('There is no request waiting for the CA; nothing to poll');
    // The policy polls once nextPollAt has passed: bring it forward, then tick.
    this.opened!.store.transactions.update(open.id, { nextPollAt: new Date().toISOString() });
    void engine;
    return this.processNow(recordId);
  }

  /** A new IR with the profile's initial authentication whatever the current certificate; its result is put into use at once. */
  async reenroll(recordId: string): Promise<ActionOutcome> {
    const engine = await this.engine();
    return this.started(engine.forceRenew(recordId, { applyNow: true, ir: true }), [recordId], 'Re-enrollment (IR) started; the new certificate is put into use as soon as it is issued');
  }

  /** rr for the record's current certificate, signed with its key, over the profile's server group; answers when the CA has answered. */
  async revoke(recordId: string, reason: RevocationReasonName): Promise<ActionOutcome> {
    await this.engine();
    const { store, vault, iaks } = this.opened!;
    const name = store.certificateRecords.get(recordId)?.name ?? recordId;
    this.emit({ recordId, transactionId: null, type: 'rr', step: 'sent', message: `Sent RR (${reason})`, at: new Date().toISOString(), final: false });
    try {
      const { serialNumber, transactionId } = await revokeCurrentCertificate({ store, vault, iaks }, recordId, reason);
      const message = `Certificate ${serialNumber} of "${name}" revoked by the CA (${reason})`;
      this.logger.info('records', message);
      this.emit({ recordId, transactionId, type: 'rr', step: 'confirmed', message, at: new Date().toISOString(), final: true });
      return { message, transactionId };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn('records', `revoking the certificate of "${name}" failed: ${message}`);
      this.emit({ recordId, transactionId: null, type: 'rr', step: 'failed', message, at: new Date().toISOString(), final: true });
      throw error;
    } finally {
      this.emitChanged([recordId]);
    }
  }

  /** Ends a transaction that waits (polling, batch, held certificate); one that is sending a message right now cannot be cut off. */
  async cancelTransaction(recordId: string): Promise<ActionOutcome> {
    await this.engine();
    const store = this.opened!.store;
    const open = store.transactions.openForRecord(recordId);
    if (open === null) throw new UiActionError('The record has no open transaction');
    if (open.state === 'requested' || open.state === 'confirming') throw new UiActionError(`The ${open.type.toUpperCase()} is exchanging messages with the CA right now (${open.state}); wait for its answer or timeout, then cancel`);
    store.atomically(() => {
      store.transactions.update(open.id, { state: 'failed', lastError: 'cancelled by the administrator', nextPollAt: null, pendingPrivateKeyId: null });
      if (open.pendingPrivateKeyId !== null) store.privateKeys.delete(open.pendingPrivateKeyId);
      store.audit.record({ type: 'failed', objectKind: 'transaction', objectId: open.id, message: `${open.type.toUpperCase()} cancelled by the administrator` });
    });
    this.emitChanged([recordId]);
    return { message: `The ${open.type.toUpperCase()} transaction was cancelled`, transactionId: open.id };
  }

  /** Waits for the engine while it opens: its first tick reads every record, and the list reuses that read. */
  async recordViews(): Promise<readonly RecordView[] | undefined> {
    await this.ready;
    return this.opened?.engine.views();
  }

  /** The engine as the tray, the quit guard and app.health see it. */
  background(): BackgroundEngine {
    const isPaused = () => this.paused;
    return {
      status: (): EngineStatus => {
        if (this.opened !== undefined) return { state: 'running' };
        return this.failure === undefined ? { state: 'starting' } : { state: 'not-running', reason: this.failure };
      },
      started: () => this.ready,
      counts: () => (this.opened === undefined ? { valid: 0, due: 0, failing: 0 } : trayCounts(summarizePlan(this.opened.engine.plan(), Date.now()))),
      inFlight: () => this.counter.inFlight,
      renewAllDue: () => this.renewAllDue(),
      get paused() {
        return isPaused();
      },
      setPaused: (paused) => this.setPaused(paused),
      idle: async () => {
        await this.ready;
        await this.opened?.engine.idle();
      },
    };
  }

  /** Pausing stops the processing tick (nothing new starts; what runs finishes); resuming ticks at once. */
  private setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.scheduler?.stop();
    else this.scheduler?.start();
  }

  /**
   * "Renew all due now": a force renew of every due record, put into use at the next KUR window
   * like a scheduled renewal. Resolves to how many started; a busy record is skipped.
   */
  private async renewAllDue(): Promise<number> {
    const engine = await this.engine();
    const due = summarizePlan(engine.plan(), Date.now()).dueRecordIds;
    let started = 0;
    for (const recordId of due) {
      const work = engine.forceRenew(recordId, { applyNow: false });
      if (await refusedAtOnce(work)) continue;
      started++;
      work.then(
        () => this.emitChanged([recordId]),
        (error: unknown) => this.logger.warn('lifecycle', `renewing ${recordId} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    if (started > 0) this.emitChanged(due);
    return started;
  }

  subscribe(listener: LifecycleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.ready;
    this.scheduler?.stop();
    await this.opened?.engine.idle();
    clearImmediate(this.notifiedFlush);
    this.flushNotified();
    this.opened?.close();
    this.lock?.release();
  }
}
