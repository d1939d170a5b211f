import type { CliCommand } from '../command';
import { labCaCommand } from './labca';
import { cmpCommand } from './cmp';
import { pathsCommand } from './paths';

/** Every headless command, in the order `cmp-desk --help` lists them. Add one line per command. */
export const commands: readonly CliCommand[] = [
  pathsCommand,
  cmpCommand,
  labCaCommand,
];
