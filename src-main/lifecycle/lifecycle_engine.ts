import { randomUUID } from 'node:crypto';
import type { CertificateRecord, GlobalConfig, TransactionTrigger } from '../../src-shared/domain';
import type { Clock, TransactionSnapshot } from '../cmp/transactions';
import { parseCertificateDer, type ParsedCertificate } from '../pki';
import type { ApplyMode, Store } from '../store';
import { deleteExpiredCertificate, installCertificate } from './certificate_installer';
import type { Enroller, EnrollmentOutcome } from './enroller';
import { JournalRetention } from './journal_retention';
import { isInsideKurWindow, kurWindowOf } from './kur_window';
import type { KeyVault } from './key_vault';
import type { Notifier, LifecycleNotificationKind } from './notifier';
import { recordViewFromRow, type RecordView } from './record_view';
import { decide, quietUntil, type LifecycleDecision } from './renewal_policy';
import { desiredParameters, parseParametersJson, type RequestParameters } from './request_parameters';
import { nextRetryAt } from './retry_backoff';
import { totalTimeoutReason } from './timeout_reason';
import { journalFor, type RecordJournal } from './transaction_journal';
import { wantsDeployment, type RenewalDeployer } from './renewal_deployer';

const day = 86_400_000;

export interface LifecycleEngineOptions {
  store: Store;
  enroller: Enroller;
  vault: KeyVault;
  clock: Clock;
  notifier: Notifier;
  deployer?: RenewalDeployer;
  /** Transactions run at once at most; the rest of a tick's work waits its turn. */
  concurrency?: number;
}

/** One record's decision in a tick, and whether the tick acted on it. */
export interface TickDecision {
  recordId: string;
  name: string;
  decision: LifecycleDecision;
  acted: boolean;
}

export interface TickReport {
  at: string;
  decisions: TickDecision[];
  /** Records the tick started work for (enroll, poll, resume, replace, delete). */
  started: number;
}

/** A force-renew while another transaction of the record is still running. */
export class TransactionInProgressError extends Error {
  readonly name = 'TransactionInProgressError';
  constructor(readonly recordName: string, readonly state: string) {
    super(`Certificate record "${recordName}" has a transaction in progress (${state}); wait until it ends`);
  }
}

const actsOn = new Set(['enroll', 'poll', 'resume', 'replace', 'delete']);

/**
 * The processing tick of reference/000: examines every record, asks the pure policy what to do,
 * and does it — IR/KUR through the Enroller, polling, putting certificates into use, deleting
 * expired ones, warnings. Work for one record never overlaps; journaled transactions resume after
 * a restart.
 */
export class LifecycleEngine {
  private readonly inFlight = new Map<string, Promise<void>>();
  /** The views as of a change sequence, reused and patched with the records changed since (see views()). */
  private cached: { sequence: number; views: RecordView[] } | null = null;
  /** Decisions that stay "nothing" until a known time, per view object (a re-read record gets a new object). */
  private quiet = new WeakMap<RecordView, { since: number; until: number; decision: LifecycleDecision }>();
  /** The policy settings the quiet decisions were made with; other settings make every record decide again. */
  private quietSettings = '';
  /** Transactions this process has run; any other open one was left by a previous process. */
  private readonly ownTransactions = new Set<string>();
  private readonly queue: (() => void)[] = [];
  private running = 0;
  private readonly retention: JournalRetention;

  constructor(private readonly options: LifecycleEngineOptions) {
    this.retention = new JournalRetention(options.store.transactions, options.clock);
  }

  private get store(): Store {
    return this.options.store;
  }

  private now(): Date {
    return new Date(this.options.clock.now());
  }

  settings(): GlobalConfig {
    return this.store.config.globalConfig.get();
  }

  /** Every record with its current decision (pure; nothing is changed). */
  plan(): { view: RecordView; decision: LifecycleDecision }[] {
    const settings = this.settings();
    const now = this.options.clock.now();
    const settingsKey = JSON.stringify([settings.kurWindowStart, settings.kurWindowEnd, settings.expiryWarningDays, settings.expiryNotificationIntervalHours]);
    if (settingsKey !== this.quietSettings) {
      this.quiet = new WeakMap();
      this.quietSettings = settingsKey;
    }
    return this.views().map((view) => {
      const quiet = this.quiet.get(view);
      if (quiet !== undefined && now < quiet.until && now >= quiet.since) return { view, decision: quiet.decision };
      const decision = decide(view, settings, now);
      this.quiet.set(view, { since: now, until: quietUntil(view, settings, decision, now), decision });
      return { view, decision };
    });
  }

  /**
   * Every record as the policy sees it, ordered by name. The first call reads every record; later
   * calls read only the records whose rows changed since (the store's change sequence, kept by
   * triggers for every writer), which keeps a tick after an edit over 10,000 records to the edit.
   */
  views(): RecordView[] {
    const cached = this.cached;
    const changes = this.store.lifecycle.tickRowsSince(cached?.sequence ?? null);
    // A lower sequence means another database (e.g. restored from a backup): read everything.
    if (cached === null || changes.sequence < cached.sequence) {
      const all = cached === null ? changes : this.store.lifecycle.tickRowsSince(null);
      this.cached = { sequence: all.sequence, views: all.rows.map(recordViewFromRow) };
      return this.cached.views;
    }
    if (changes.rows.length === 0 && changes.removedRecordIds.length === 0) {
      cached.sequence = changes.sequence;
      return cached.views;
    }
    this.cached = { sequence: changes.sequence, views: mergeViews(cached.views, changes.rows.map(recordViewFromRow), changes.removedRecordIds) };
    return this.cached.views;
  }

  /** Journal housekeeping the scheduler runs with its ticks: at start-up, then daily (see JournalRetention). */
  pruneJournalIfDue(): number | null {
    return this.retention.pruneIfDue();
  }

  tick(): TickReport {
    const at = this.now();
    const decisions: TickDecision[] = [];
    let started = 0;
    const planned = this.plan();
    this.warn(planned.filter((p) => p.decision.warn).map((p) => p.view), at);
    for (const { view, decision } of planned) {
      const busy = this.inFlight.has(view.recordId);
      const acted = !busy && actsOn.has(decision.action.kind);
      if (acted) {
        started++;
        this.track(view.recordId, () => this.act(view, decision));
      }
      decisions.push({ recordId: view.recordId, name: view.name, decision, acted });
    }
    return { at: at.toISOString(), decisions, started };
  }

  /** Resolves when every started piece of work has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  /**
   * Manual force renew (reference/000 cmp-keyupdate-request): sends now whatever the KUR window;
   * applyNow puts the new certificate into use at once, otherwise at the next window.
   */
  async forceRenew(recordId: string, options: { applyNow: boolean; ir?: boolean }): Promise<void> {
    const record = this.store.certificateRecords.get(recordId);
    if (record === null) throw new Error(`No certificate record ${recordId}`);
    if (this.inFlight.has(recordId)) throw new TransactionInProgressError(record.name, 'running');
    const open = this.store.transactions.openForRecord(recordId);
    if (open !== null) {
      if (open.state !== 'held') throw new TransactionInProgressError(record.name, open.state);
      if (options.applyNow) this.store.lifecycle.setApplyMode(open.id, 'now');
      const view = this.views().find((v) => v.recordId === recordId)!;
      if (options.applyNow) await this.track(recordId, () => this.replaceHeld(view));
      return;
    }
    const current = this.store.certificates.current(recordId);
    // KUR renews a valid CMP certificate (signed with it); without one, the force renew is an IR.
    const renewable = current !== null && Date.parse(current.notAfter) > this.options.clock.now() && this.store.lifecycle.certificateParameters(current.id) !== null;
    // ir: re-enrollment on demand (a new IR with the initial authentication) even for a renewable certificate.
    const type = options.ir ? 'ir' : renewable ? 'kur' : 'ir';
    await this.track(recordId, () => this.startEnrollment(record, type, 'force-renew', options.applyNow ? 'now' : 'window'));
  }

  private track(recordId: string, work: () => Promise<void>): Promise<void> {
    const promise = this.limited(work)
      .catch((error: unknown) => this.recordFailure(recordId, error instanceof Error ? error.message : String(error), { kind: 'ir', shortValidity: false }))
      .finally(() => {
        this.inFlight.delete(recordId);
      });
    this.inFlight.set(recordId, promise);
    return promise;
  }

  private async limited(work: () => Promise<void>): Promise<void> {
    const limit = this.options.concurrency ?? 8;
    if (this.running >= limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      await work();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  private async act(view: RecordView, decision: LifecycleDecision): Promise<void> {
    const action = decision.action;
    switch (action.kind) {
      case 'enroll': {
        const record = this.store.certificateRecords.get(view.recordId)!;
        return this.startEnrollment(record, action.type, action.trigger, 'window');
      }
      case 'poll':
        return this.continueTransaction(view);
      case 'resume':
        return this.continueTransaction(view);
      case 'replace':
        return this.replaceHeld(view);
      case 'delete':
        return this.deleteExpired(view);
      default:
        return;
    }
  }

  private async startEnrollment(record: CertificateRecord, type: 'ir' | 'kur', trigger: TransactionTrigger, applyMode: ApplyMode): Promise<void> {
    const parameters = desiredParameters(record);
    if (parameters === null) throw new Error(`Certificate record "${record.name}" is not managed by a CMP profile`);
    const profile = this.store.config.cmpProfiles.get(parameters.cmpProfileId)!;
    const renewing = type === 'kur' ? this.currentWithKey(record.id) : undefined;
    const key = await this.options.vault.generate(parameters.keyAlgorithm);
    const rowId = randomUUID();
    const journal = journalFor(this.store, { rowId, recordId: record.id, type, trigger, parameters, applyMode, pendingPrivateKeyId: key.id, exists: false }, this.serverIds(), () => this.now());
    this.ownTransactions.add(rowId);
    const outcome = await this.options.enroller.enroll({ type, recordId: record.id, profile, parameters, keyPair: key.keyPair, renewing, minimumValidityMs: profile.renewBeforeExpiryDays * day, journal });
    this.ownTransactions.add(journal.rowId);
    await this.handleOutcome(record.id, journal, type, key.id, parameters, applyMode, outcome, false, false);
  }

  /** Polls a waiting transaction, or resumes one interrupted by a restart (sent, received, confirming), from its journaled snapshot. */
  private async continueTransaction(view: RecordView): Promise<void> {
    const row = this.store.transactions.get(view.open!.transactionRowId)!;
    const request = this.store.lifecycle.request(row.id);
    const type = row.type as 'ir' | 'kur';
    if (request === null || row.pendingPrivateKeyId === null) {
      this.endTransaction(row.id, 'failed', 'the journal holds no request parameters or key for this transaction');
      return this.recordFailure(view.recordId, 'an interrupted transaction could not be resumed; a new request follows', { kind: type, shortValidity: false });
    }
    const parameters = parseParametersJson(request.parametersJson);
    if (request.snapshotJson === null) {
      this.endTransaction(row.id, 'failed', 'no snapshot to resume from');
      return this.recordFailure(view.recordId, 'an interrupted transaction had no snapshot; a new request follows', { kind: type, shortValidity: false });
    }
    const resumeFrom = JSON.parse(request.snapshotJson) as TransactionSnapshot;
    const profile = this.store.config.cmpProfiles.get(parameters.cmpProfileId);
    if (profile === null) {
      this.endTransaction(row.id, 'failed', 'the CMP profile of the request no longer exists');
      return;
    }
    const keyPair = this.options.vault.load(row.pendingPrivateKeyId, `the ${type} transaction of record ${view.name}`);
    const renewing = type === 'kur' ? this.currentWithKey(view.recordId) : undefined;
    const journal = journalFor(this.store, { rowId: row.id, recordId: view.recordId, type, trigger: row.trigger, parameters, applyMode: request.applyMode, pendingPrivateKeyId: row.pendingPrivateKeyId, exists: true }, this.serverIds(), () => this.now());
    const afterRestart = !this.ownTransactions.has(row.id);
    this.ownTransactions.add(row.id);
    const outcome = await this.options.enroller.enroll({ type, recordId: view.recordId, profile, parameters, keyPair, renewing, resumeFrom, minimumValidityMs: profile.renewBeforeExpiryDays * day, journal });
    this.ownTransactions.add(journal.rowId);
    await this.handleOutcome(view.recordId, journal, type, row.pendingPrivateKeyId, parameters, request.applyMode, outcome, true, afterRestart);
  }

  /**
   * `afterRestart`: the transaction was left open by a previous process. If it fails now (typically
   * the CA forgot it while we were down, after its own restart or transaction lifetime, and answers
   * our next message with an error), the next tick makes the request again as a new transaction,
   * without the failure backoff; a certificate valid shorter than renew-before-expiry still backs
   * off. A journaled request or pollReq whose one byte-for-byte retransmission got no usable answer
   * never arrives here: resumeEnrollment has already made it again as a new transaction.
   */
  private async handleOutcome(recordId: string, journal: RecordJournal, type: 'ir' | 'kur', keyId: string, parameters: RequestParameters, applyMode: ApplyMode, outcome: EnrollmentOutcome, polled: boolean, afterRestart: boolean): Promise<void> {
    const counted = polled ? 'pollReq' : type;
    const rowId = journal.rowId;
    const rowExists = this.store.transactions.get(rowId) !== null;
    switch (outcome.status) {
      case 'issued':
        this.store.statistics.count(recordId, counted, 'accepted');
        if (!rowExists) return;
        this.store.lifecycle.saveReceived(rowId, outcome.certificate.der, JSON.stringify(outcome.chain.filter((c) => c.sha256Fingerprint !== outcome.certificate.sha256Fingerprint).map((c) => Buffer.from(c.der).toString('base64'))));
        return this.receivedCertificate(recordId, rowId, type, keyId, parameters, applyMode);
      case 'waiting':
        this.store.statistics.count(recordId, counted, 'waiting');
        this.store.atomically(() => {
          this.store.transactions.update(rowId, { state: 'waiting', nextPollAt: new Date(outcome.nextPollAt).toISOString() });
          this.store.lifecycle.saveSnapshot(rowId, JSON.stringify(outcome.snapshot));
        });
        this.store.audit.record({ type: 'polled', objectKind: 'transaction', objectId: rowId, message: `The CA asked to wait; polling resumes at ${new Date(outcome.nextPollAt).toISOString()}` });
        return;
      case 'paused':
        this.store.statistics.count(recordId, 'certConf', 'error');
        if (rowExists) this.store.transactions.update(rowId, { lastError: outcome.reason });
        this.store.audit.record({ type: 'failed', objectKind: 'transaction', objectId: rowId, message: `certConf got no answer; it is sent again at the next tick: ${outcome.reason}` });
        return;
      default: {
        this.store.statistics.count(recordId, counted, outcome.outcome);
        const reason = outcome.outcome === 'timeout' ? totalTimeoutReason(this.store, outcome.reason, parameters.cmpProfileId, outcome.serverName) : outcome.reason;
        if (rowExists) this.endTransaction(rowId, outcome.status, reason);
        else this.store.privateKeys.delete(keyId);
        return this.recordFailure(recordId, reason, { kind: type, shortValidity: outcome.shortValidity, immediate: afterRestart && !outcome.shortValidity });
      }
    }
  }

  /** A certificate accepted by certConf: into use now (IR, apply-now, inside the window) or held for the window. */
  private async receivedCertificate(recordId: string, rowId: string, type: 'ir' | 'kur', keyId: string, parameters: RequestParameters, applyMode: ApplyMode): Promise<void> {
    const insideWindow = isInsideKurWindow(this.now(), kurWindowOf(this.settings()));
    if (type === 'kur' && applyMode === 'window' && !insideWindow) {
      this.store.transactions.update(rowId, { state: 'held', nextPollAt: null });
      this.store.audit.record({ type: 'renewed', objectKind: 'transaction', objectId: rowId, message: 'Renewed certificate received outside the KUR window; it is put into use when the window opens' });
      return;
    }
    const request = this.store.lifecycle.request(rowId)!;
    const certificate = parseCertificateDer(new Uint8Array(request.receivedCertificateDer!));
    const chainDer = (JSON.parse(request.receivedChainJson ?? '[]') as string[]).map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
    await this.install(recordId, rowId, certificate, chainDer, keyId, type, parameters);
  }

  private async replaceHeld(view: RecordView): Promise<void> {
    const row = this.store.transactions.get(view.open!.transactionRowId)!;
    const request = this.store.lifecycle.request(row.id)!;
    const certificate = parseCertificateDer(new Uint8Array(request.receivedCertificateDer!));
    const chainDer = (JSON.parse(request.receivedChainJson ?? '[]') as string[]).map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
    await this.install(view.recordId, row.id, certificate, chainDer, row.pendingPrivateKeyId!, row.type as 'ir' | 'kur', parseParametersJson(request.parametersJson));
  }

  private async install(recordId: string, rowId: string, certificate: ParsedCertificate, chainDer: Uint8Array[], keyId: string, type: 'ir' | 'kur', parameters: RequestParameters): Promise<void> {
    const result = installCertificate(this.store, { recordId, transactionRowId: rowId, certificate, chainDer, privateKeyId: keyId, origin: type, parameters }, this.now());
    const record = this.store.certificateRecords.get(recordId)!;
    this.notify('certificate-renewed', record, `New certificate ${certificate.serialHex.toLowerCase()} for "${record.name}" is in use until ${certificate.notAfter.toISOString()}${result.replacedSerial ? `; ${result.replacedSerial} was deleted` : ''}`);
    if (this.options.deployer && wantsDeployment(record)) {
      const problems = await this.options.deployer.deploy(record, result.certificateId);
      for (const problem of problems) {
        this.store.audit.record({ type: 'failed', objectKind: 'certificate-record', objectId: recordId, message: `Deployment of "${record.name}": ${problem}` });
        this.notify('deploy-failed', record, `Deployment of "${record.name}" failed: ${problem}. The certificate is in use and stored.`);
      }
    }
  }

  private async deleteExpired(view: RecordView): Promise<void> {
    const profiles = deleteExpiredCertificate(this.store, view.recordId, view.current!.certificateId);
    const record = this.store.certificateRecords.get(view.recordId)!;
    this.notify('certificate-deleted', record, `The certificate of "${record.name}" expired after every renewal failed and was deleted${profiles.length ? `; TLS profiles ${profiles.join(', ')} no longer present it` : ''}`);
  }

  private endTransaction(rowId: string, state: 'failed' | 'rejected', reason: string): void {
    const row = this.store.transactions.get(rowId);
    if (row === null) return;
    this.store.atomically(() => {
      this.store.transactions.update(rowId, { state, lastError: reason, nextPollAt: null, pendingPrivateKeyId: null });
      if (row.pendingPrivateKeyId !== null) this.store.privateKeys.delete(row.pendingPrivateKeyId);
    });
  }

  private recordFailure(recordId: string, reason: string, how: { kind: 'ir' | 'kur'; shortValidity: boolean; immediate?: boolean }): void {
    const record = this.store.certificateRecords.get(recordId);
    if (record === null) return;
    const state = this.store.lifecycle.recordState(recordId);
    const failures = (state?.failures ?? 0) + 1;
    const current = this.store.certificates.current(recordId);
    const now = this.options.clock.now();
    const retryAt = how.immediate ? now : nextRetryAt(now, {
      failures,
      processingIntervalMs: this.settings().processingIntervalMinutes * 60_000,
      kind: how.kind,
      shortValidity: how.shortValidity,
      notAfter: current ? Date.parse(current.notAfter) : null,
    });
    this.store.atomically(() => {
      this.store.lifecycle.setRetry(recordId, { retryAt: new Date(retryAt).toISOString(), failures, lastError: reason });
      this.store.audit.record({ type: how.shortValidity ? 'rejected' : 'failed', objectKind: 'certificate-record', objectId: recordId, message: `${record.name}: ${reason}; retry at ${new Date(retryAt).toISOString()}` });
    });
    this.notify('renewal-failed', record, `Certificate request for "${record.name}" failed (${failures} in a row): ${reason}`);
  }

  /**
   * The tick's expiry warnings, recorded in one transaction, then notified: one commit per warning
   * made a tick with 10,000 warnings block the main process for seconds (one fsync each).
   */
  private warn(views: RecordView[], at: Date): void {
    if (views.length === 0) return;
    const warnings = views.map((view) => {
      const notAfter = view.current!.notAfter;
      const days = Math.max(0, Math.floor((notAfter - at.getTime()) / day));
      return { view, message: `The certificate of "${view.name}" expires at ${new Date(notAfter).toISOString()} (in ${days} days)` };
    });
    this.store.atomically(() => {
      for (const { view, message } of warnings) {
        this.store.lifecycle.setLastWarningAt(view.recordId, at.toISOString());
        this.store.audit.record({ type: 'expiry-warning', objectKind: 'certificate-record', objectId: view.recordId, message });
      }
    });
    for (const { view, message } of warnings) this.options.notifier.notify({ kind: 'expiry-warning', recordId: view.recordId, recordName: view.name, message, at: at.toISOString() });
  }

  private notify(kind: LifecycleNotificationKind, record: CertificateRecord, message: string): void {
    this.options.notifier.notify({ kind, recordId: record.id, recordName: record.name, message, at: this.now().toISOString() });
  }

  private currentWithKey(recordId: string) {
    const current = this.store.certificates.current(recordId);
    if (current === null || current.privateKeyId === null) throw new Error(`record ${recordId} has no certificate with a private key to renew`);
    return {
      certificate: parseCertificateDer(new Uint8Array(Buffer.from(current.certificateDer, 'base64'))),
      chain: current.chainDer.map((b64) => parseCertificateDer(new Uint8Array(Buffer.from(b64, 'base64')))),
      privateKey: this.options.vault.load(current.privateKeyId, `record ${recordId}`).privateKey,
    };
  }

  private serverIds(): Map<string, string> {
    return new Map(this.store.config.cmpServers.list().map((s) => [s.name, s.id]));
  }
}

/** The cached views with changed records replaced or added and deleted ones dropped, ordered by name as the store orders them. */
function mergeViews(views: RecordView[], changed: RecordView[], removedRecordIds: string[]): RecordView[] {
  const byId = new Map(views.map((v) => [v.recordId, v]));
  const sameNames = removedRecordIds.length === 0 && changed.every((v) => byId.get(v.recordId)?.name === v.name);
  for (const id of removedRecordIds) byId.delete(id);
  for (const view of changed) byId.set(view.recordId, view);
  // Edits that keep every name keep the order: no sort.
  if (sameNames) return views.map((v) => byId.get(v.recordId)!);
  return [...byId.values()].sort((a, b) => byteOrder(a.name, b.name));
}

const surrogate = /[\ud800-\udfff]/;

/** SQLite's BINARY collation (UTF-8 byte order), which UTF-16 order matches unless a name holds a surrogate pair. */
function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (surrogate.test(a) || surrogate.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}
