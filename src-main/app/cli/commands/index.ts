import type { CliCommand } from '../command';
import { labCaCommand } from './labca';
import { cmpCommand } from './cmp';
import { pathsCommand } from './paths';
import { verifyConfigCommand } from './verify_config';
import { configCommand } from './config';
import { trustCommand } from './trust';
import { exportCommand } from './export';
import { serviceCommand } from './service';
import { labCommand } from './lab';
import { runCommand } from './run';
import { statusCommand } from './status';
import { renewCommand } from './renew';
import { forecastCommand } from './forecast';
import { historyCommand } from './history';

/** Every headless command, in the order `cmp-desk --help` lists them. Add one line per command. */
export const commands: readonly CliCommand[] = [
  pathsCommand,
  cmpCommand,
  labCaCommand,
  verifyConfigCommand,
  configCommand,
  trustCommand,
  exportCommand,
  serviceCommand,
  labCommand,
  runCommand,
  statusCommand,
  renewCommand,
  forecastCommand,
  historyCommand,
];
