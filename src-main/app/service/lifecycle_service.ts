import { systemClock } from '../../cmp/transactions';
import { CmpEnroller, LifecycleScheduler, openLifecycle, type LifecycleNotification, type OpenLifecycle } from '../../lifecycle';
import type { DataPaths } from '../data_paths';
import { EnrollmentCounter } from './enrollment_counter';
import { summarizePlan } from './engine_summary';
import { serviceExitCodes, type ServiceExitCode } from './exit_codes';
import { startMetricsServer, MetricsAddressError, type MetricsAddress, type MetricsServer } from './metrics_server';
import { acquireSchedulerLock, SchedulerLockHeldError, type SchedulerLock } from './scheduler_lock';
import type { ServiceLog } from './service_log';
import { listenForStopSignals, type SignalSource } from './stop_signals';

export interface LifecycleServiceOptions {
  dataPaths: DataPaths;
  log: ServiceLog;
  metrics?: MetricsAddress;
  /** Default: this process. */
  signals?: SignalSource;
  /** How long a stop waits for exchanges in flight before leaving them to the journal (default 60 s). */
  stopGraceMs?: number;
  /** Started after the engine opened, stopped after it closed (the lab CA of a lab data folder). */
  companion?: (life: OpenLifecycle) => Promise<{ stop(): Promise<void> } | undefined>;
  /** Called on a second stop signal or when the grace period ends with exchanges in flight; default: exit the process with forcedStop. */
  forceExit?: (code: ServiceExitCode) => void;
}

/**
 * `cmp-desk run` as a long-running service: takes the data folder's scheduler lock, runs the
 * processing tick on the GlobalConfig interval, logs JSON lines, optionally serves /metrics, and
 * on SIGTERM/SIGINT stops starting work, waits for the exchanges in flight (each one is journaled
 * before every send, so one cut off by a second signal or the grace period resumes next start),
 * closes the database and releases the lock. Resolves to the exit code.
 */
export async function runLifecycleService(options: LifecycleServiceOptions): Promise<ServiceExitCode> {
  const { log, dataPaths } = options;
  const stop = listenForStopSignals(options.signals ?? process, (signal) => {
    log.warn('service', `second ${signal}: stopping now; the journal resumes the exchanges in flight at the next start`);
    (options.forceExit ?? ((code) => process.exit(code)))(serviceExitCodes.forcedStop);
  });
  let lock: SchedulerLock | undefined;
  let life: OpenLifecycle | undefined;
  let companion: { stop(): Promise<void> } | undefined;
  let metrics: MetricsServer | undefined;
  let scheduler: LifecycleScheduler | undefined;
  try {
    try {
      lock = acquireSchedulerLock({ dataDir: dataPaths.dataDir, kind: 'service' });
    } catch (error) {
      if (!(error instanceof SchedulerLockHeldError)) throw error;
      log.error('service', error.message, { lockPath: error.lockPath, holderPid: error.holder?.pid ?? null, holderKind: error.holder?.kind ?? null });
      return serviceExitCodes.schedulerLockHeld;
    }
    const counter = new EnrollmentCounter();
    try {
      life = await openLifecycle({ dataDir: dataPaths.dataDir, enroller: counter, notifier: { notify: (n) => logNotification(log, n) } });
    } catch (error) {
      log.error('service', `cannot open the data folder ${dataPaths.dataDir}: ${(error as Error).message}`);
      return serviceExitCodes.dataFolderUnavailable;
    }
    const opened = life;
    counter.inner = new CmpEnroller({ store: opened.store, vault: opened.vault, iaks: opened.iaks, clock: systemClock });
    companion = await options.companion?.(opened);
    const lastTick = { durationMs: null as number | null, at: null as number | null };
    if (options.metrics) {
      try {
        metrics = await startMetricsServer(
          options.metrics,
          () => {
            const now = Date.now();
            const summary = summarizePlan(opened.engine.plan(), now);
            return { recordsByState: summary.byState, earliestExpiryAt: summary.earliestExpiryAt, transactions: counter.transactions(), lastTickDurationMs: lastTick.durationMs, lastTickAt: lastTick.at };
          },
          (error) => log.error('metrics', error.message),
        );
      } catch (error) {
        if (!(error instanceof MetricsAddressError)) throw error;
        log.error('service', error.message);
        return serviceExitCodes.metricsUnavailable;
      }
      log.info('service', `metrics at ${metrics.url}`, { metricsUrl: metrics.url });
    }
    if (stop.signal.aborted) return serviceExitCodes.stopped;
    scheduler = new LifecycleScheduler(opened.engine, undefined, (report) => {
      const acted = report.decisions.filter((d) => d.acted);
      log.info('scheduler', `tick: ${report.decisions.length} records, ${report.started} started`, { records: report.decisions.length, started: report.started });
      for (const d of acted) log.info('scheduler', `${d.name}: ${d.decision.action.kind} (${d.decision.reason})`, { recordId: d.recordId, action: d.decision.action.kind });
      void opened.engine.idle().then(() => {
        lastTick.at = Date.now();
        lastTick.durationMs = lastTick.at - Date.parse(report.at);
        log.info('scheduler', `tick finished in ${lastTick.durationMs} ms`, { durationMs: lastTick.durationMs });
      });
    });
    log.info('service', `running on ${dataPaths.dataDir} (pid ${process.pid}); every ${opened.engine.settings().processingIntervalMinutes} min; stop with SIGTERM or Ctrl+C`, { dataDir: dataPaths.dataDir, pid: process.pid });
    scheduler.start();
    await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    scheduler.stop();
    log.info('service', `${stop.receivedSignal ?? 'stop'} received: starting no new work; ${counter.inFlight} exchange(s) in flight`, { inFlight: counter.inFlight });
    const finished = await waitAtMost(opened.engine.idle(), options.stopGraceMs ?? 60_000);
    if (!finished) {
      // Closing the database under a running exchange would turn a resumable one into a failure.
      log.warn('service', `still ${counter.inFlight} exchange(s) in flight after the grace period; leaving them to the journal, which resumes them at the next start`);
      await metrics?.close();
      lock?.release();
      (options.forceExit ?? ((code) => process.exit(code)))(serviceExitCodes.forcedStop);
    }
    log.info('service', 'every exchange in flight finished');
    return serviceExitCodes.stopped;
  } catch (error) {
    log.error('service', `stopped by an unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return serviceExitCodes.failed;
  } finally {
    scheduler?.stop();
    await metrics?.close();
    life?.close();
    await companion?.stop();
    lock?.release();
    stop.dispose();
    log.info('service', 'stopped');
  }
}

function logNotification(log: ServiceLog, n: LifecycleNotification): void {
  const fields = { kind: n.kind, recordId: n.recordId, recordName: n.recordName };
  if (n.kind === 'certificate-renewed') log.info('lifecycle', n.message, fields);
  else log.warn('lifecycle', n.message, fields);
}

async function waitAtMost(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
