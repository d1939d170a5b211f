import { LifecycleScheduler, type TickReport } from '../../../lifecycle';
import { serviceExitCodeHelp, serviceExitCodes } from '../../service/exit_codes';
import { runLifecycleService } from '../../service/lifecycle_service';
import { MetricsAddressError, parseMetricsAddress } from '../../service/metrics_server';
import { acquireSchedulerLock, SchedulerLockHeldError, type SchedulerLock } from '../../service/scheduler_lock';
import { ServiceLog } from '../../service/service_log';
import { CliUsageError, type CliCommand, type CliOutput } from '../command';
import { withLifecycle } from '../lifecycle/lifecycle_session';
import { readLabMode, startLabCa } from '../lifecycle/lab_mode';

function printTick(output: CliOutput, report: TickReport): void {
  for (const d of report.decisions.filter((x) => x.acted)) output.out(`${report.at} ${d.name}: ${d.decision.action.kind} (${d.decision.reason})`);
}

/** Runs the processing tick: forever on the GlobalConfig interval, once, or until nothing is due. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run the lifecycle scheduler (every processing interval; --once: one tick; --until-idle: until no work is due)',
  usage: '[--once | --until-idle] [--metrics 127.0.0.1:PORT] [--log-max-mb N] [--log-files N] [--stop-grace S]',
  options: { once: { type: 'boolean' }, 'until-idle': { type: 'boolean' }, metrics: { type: 'string' }, 'log-max-mb': { type: 'string' }, 'log-files': { type: 'string' }, 'stop-grace': { type: 'string' } },
  help: [
    'Without --once/--until-idle it runs as a service until SIGTERM/SIGINT: JSON log lines on stdout and in',
    'logs/service.log (rotated at --log-max-mb, default 10, keeping --log-files, default 5); the first stop',
    'signal finishes the exchanges in flight, waiting up to --stop-grace seconds (default 60); a second signal',
    'or the end of that wait leaves them to the journal, which resumes them at the next start (exit code 6).',
    '--metrics serves Prometheus metrics at http://127.0.0.1:PORT/metrics (loopback only).',
    '',
    'Exit codes:',
    ...serviceExitCodeHelp,
  ],
  async run({ values, context }) {
    if (values.once && values['until-idle']) throw new CliUsageError('--once and --until-idle exclude each other', 'run');
    if (!values.once && !values['until-idle']) {
      const dataDir = context.dataPaths.dataDir;
      const log = new ServiceLog({
        logsDir: context.dataPaths.logsDir,
        stream: process.stdout,
        maxBytes: positiveNumber(values['log-max-mb'], '--log-max-mb', 10) * 1024 * 1024,
        keepFiles: positiveNumber(values['log-files'], '--log-files', 5),
      });
      return runLifecycleService({
        dataPaths: context.dataPaths,
        log,
        metrics: values.metrics === undefined ? undefined : metricsAddress(values.metrics as string),
        stopGraceMs: positiveNumber(values['stop-grace'], '--stop-grace', 60) * 1000,
        companion: async (life) => {
          const mode = readLabMode(dataDir);
          return mode === null ? undefined : startLabCa(dataDir, mode, life.iaks);
        },
      });
    }
    // One tick or a run until idle is scheduler work as well: same lock as the service and the desktop app.
    let lock: SchedulerLock;
    try {
      lock = acquireSchedulerLock({ dataDir: context.dataPaths.dataDir, kind: 'service' });
    } catch (error) {
      if (!(error instanceof SchedulerLockHeldError)) throw error;
      context.output.err(`cmp-desk: ${error.message}`);
      return serviceExitCodes.schedulerLockHeld;
    }
    try {
      return await withLifecycle(
        context,
        async (life) => {
          const scheduler = new LifecycleScheduler(life.engine, undefined, (report) => printTick(context.output, report));
          if (values.once) {
            printTick(context.output, await scheduler.runOnce());
            return 0;
          }
          const reports = await scheduler.runUntilIdle();
          reports.forEach((r) => printTick(context.output, r));
          context.output.out(`idle after ${reports.length} tick(s)`);
          return 0;
        },
        { needsCa: true },
      );
    } finally {
      lock.release();
    }
  },
};

function positiveNumber(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliUsageError(`${option} must be a positive number`, 'run');
  return n;
}

function metricsAddress(text: string) {
  try {
    return parseMetricsAddress(text);
  } catch (error) {
    if (error instanceof MetricsAddressError) throw new CliUsageError(error.message, 'run');
    throw error;
  }
}

