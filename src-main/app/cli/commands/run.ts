import { LifecycleScheduler, type TickReport } from '../../../lifecycle';
import { CliUsageError, type CliCommand, type CliOutput } from '../command';
import { withLifecycle } from '../lifecycle/lifecycle_session';

function printTick(output: CliOutput, report: TickReport): void {
  for (const d of report.decisions.filter((x) => x.acted)) output.out(`${report.at} ${d.name}: ${d.decision.action.kind} (${d.decision.reason})`);
}

/** Runs the processing tick: forever on the GlobalConfig interval, once, or until nothing is due. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run the lifecycle scheduler (every processing interval; --once: one tick; --until-idle: until no work is due)',
  usage: '[--once | --until-idle]',
  options: { once: { type: 'boolean' }, 'until-idle': { type: 'boolean' } },
  async run({ values, context }) {
    if (values.once && values['until-idle']) throw new CliUsageError('--once and --until-idle exclude each other', 'run');
    return withLifecycle(
      context,
      async (life) => {
        const scheduler = new LifecycleScheduler(life.engine, undefined, (report) => printTick(context.output, report));
        if (values.once) {
          printTick(context.output, await scheduler.runOnce());
          return 0;
        }
        if (values['until-idle']) {
          const reports = await scheduler.runUntilIdle();
          reports.forEach((r) => printTick(context.output, r));
          context.output.out(`idle after ${reports.length} tick(s)`);
          return 0;
        }
        scheduler.start();
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        scheduler.stop();
        return 0;
      },
      { needsCa: true },
    );
  },
};
