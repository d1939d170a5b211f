import { parseArgs } from 'node:util';
import { appIdentity } from '../app_identity';
import { resolveDataPaths } from '../data_paths';
import { CliUsageError, type CliCommand, type CliOptions, type CliOutput } from './command';
import { commands as registeredCommands } from './commands/index';

/** Options every command understands, written before or after the command name. */
const globalOptions = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const satisfies CliOptions;

export interface RunCliOptions {
  output: CliOutput;
  env?: Record<string, string | undefined>;
  commands?: readonly CliCommand[];
}

/** Runs the headless CLI for `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: string[], options: RunCliOptions): Promise<number> {
  const { output } = options;
  const commands = options.commands ?? registeredCommands;
  try {
    const commandIndex = findCommandIndex(argv);
    const globalArgs = commandIndex === -1 ? argv : argv.slice(0, commandIndex);
    const globals = parseArgs({ args: globalArgs, options: globalOptions, allowPositionals: false, strict: true }).values;
    if (globals.version) {
      output.out(`${appIdentity.name} ${appIdentity.version}`);
      return 0;
    }
    if (commandIndex === -1) {
      output.out(helpText(commands));
      return 0;
    }
    const name = argv[commandIndex];
    const command = commands.find((c) => c.name === name);
    if (!command) throw new CliUsageError(`unknown command "${name}"`);
    const parsed = parseArgs({
      args: argv.slice(commandIndex + 1),
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (globals.help || parsed.values.help) {
      output.out(commandHelp(command));
      return 0;
    }
    const dataDirOption = (parsed.values['data-dir'] as string | undefined) ?? globals['data-dir'];
    const dataPaths = resolveDataPaths({ dataDirOption, env: options.env });
    return await command.run({ values: parsed.values, positionals: parsed.positionals, context: { dataPaths, output } });
  } catch (error) {
    if (error instanceof CliUsageError || isParseArgsError(error)) {
      output.err(`${appIdentity.name}: ${(error as Error).message}`);
      output.err(`Run "${appIdentity.name} --help" for the list of commands.`);
      return 2;
    }
    output.err(`${appIdentity.name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** The first argument that is neither an option nor the value of `--data-dir` names the command. */
function findCommandIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (arg === '--data-dir') i++;
    else if (!arg.startsWith('-')) return i;
  }
  return -1;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function helpText(commands: readonly CliCommand[]): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length)) + 2;
  const lines = [
    `${appIdentity.name} ${appIdentity.version} — keeps X.509 certificates alive through CMP (headless commands)`,
    '',
    `Usage: ${appIdentity.name} [--data-dir <dir>] <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Global options:',
    '  --data-dir <dir>  use this data folder (else $CMP_DESK_DATA_DIR, else the OS default)',
    '  -h, --help        show help (after a command: that command\'s help)',
    '  -V, --version     print the version',
  ];
  return lines.join('\n');
}

function commandHelp(command: CliCommand): string {
  return [`Usage: ${appIdentity.name} ${command.name} ${command.usage}`.trimEnd(), '', command.summary, ...(command.help ? ['', ...command.help] : [])].join('\n');
}
