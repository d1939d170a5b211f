import type { ParseArgsConfig } from 'node:util';
import type { DataPaths } from '../data_paths';

/** Where a command writes; the tests pass buffers, the real CLI passes the process streams. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** What every command receives besides its own parsed arguments. */
export interface CliContext {
  dataPaths: DataPaths;
  output: CliOutput;
}

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CliInvocation {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  context: CliContext;
}

/**
 * One headless command. Add a command by writing `commands/<name>.ts` that exports one of these
 * and listing it in `commands/index.ts`.
 */
export interface CliCommand {
  name: string;
  /** One line for `cmp-desk --help`. */
  summary: string;
  /** The argument synopsis after the command name, e.g. `<record> [--force]`. */
  usage: string;
  options: CliOptions;
  /** More lines for `cmp-desk <command> --help` (options explained, exit codes). */
  help?: readonly string[];
  /** Resolves to the process exit code. */
  run(invocation: CliInvocation): Promise<number>;
}

/** A mistake in how the command line was written; the CLI prints it with the usage and exits 2. */
export class CliUsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
