import { join } from 'node:path';
import { locateCliScript } from '../../service/cli_location';
import { MetricsAddressError, parseMetricsAddress } from '../../service/metrics_server';
import { readSchedulerLock, schedulerLockFileName } from '../../service/scheduler_lock';
import { installUserService, processEnvironment, uninstallUserService, userServiceStatus } from '../../service/user_service_installer';
import { CliUsageError, type CliCommand } from '../command';

/**
 * Installs `cmp-desk run` as a systemd user service for this data folder, removes it, or says
 * how it stands. Everything systemd-specific lives in service/; this only reads options and prints.
 */
export const serviceCommand: CliCommand = {
  name: 'service',
  summary: 'Install, uninstall or inspect the background service (systemd user unit on Linux)',
  usage: 'install [--metrics 127.0.0.1:PORT] [--cli <path to bin/cmp-desk.mjs>] | uninstall | status [--json]',
  options: {
    metrics: { type: 'string' },
    cli: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals, context }) {
    const { output, dataPaths } = context;
    const action = positionals[0];
    if (positionals.length !== 1 || !['install', 'uninstall', 'status'].includes(action)) {
      throw new CliUsageError('service needs one of: install, uninstall, status', 'service');
    }
    const environment = processEnvironment();
    if (action === 'install') {
      const metrics = values.metrics as string | undefined;
      if (metrics) checkMetricsAddress(metrics);
      const cliPath = (values.cli as string | undefined) ?? locateCliScript();
      if (!cliPath) throw new CliUsageError('cannot tell where bin/cmp-desk.mjs is; pass --cli <path>', 'service');
      const steps = installUserService({ nodePath: process.execPath, cliPath, dataDir: dataPaths.dataDir, metrics }, environment);
      for (const step of steps) (step.ok ? output.out : output.err)(`${step.ok ? 'ok' : 'not done'}: ${step.message}`);
      return steps.every((s) => s.ok) ? 0 : 1;
    }
    if (action === 'uninstall') {
      const steps = uninstallUserService(environment);
      for (const step of steps) (step.ok ? output.out : output.err)(`${step.ok ? 'ok' : 'not done'}: ${step.message}`);
      return steps.every((s) => s.ok) ? 0 : 1;
    }
    const status = userServiceStatus(environment);
    const lock = readSchedulerLock(join(dataPaths.dataDir, schedulerLockFileName));
    const scheduler = typeof lock === 'object' ? `${lock.kind} pid ${lock.pid} on ${lock.host} since ${lock.startedAt}` : lock === 'missing' ? 'not running' : 'lock file unreadable';
    if (values.json) {
      output.out(JSON.stringify({ ...status, scheduler: lock }));
    } else {
      output.out(`unit:      ${status.unitPath} (${status.installed ? 'installed' : 'not installed'})`);
      if (status.dataDir) output.out(`data:      ${status.dataDir}`);
      output.out(`state:     ${status.activeState}`);
      output.out(`scheduler: ${scheduler} (data folder ${dataPaths.dataDir})`);
    }
    return 0;
  },
};

function checkMetricsAddress(text: string): void {
  try {
    parseMetricsAddress(text);
  } catch (error) {
    if (error instanceof MetricsAddressError) throw new CliUsageError(error.message, 'service');
    throw error;
  }
}
