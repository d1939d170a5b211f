import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/app/cli/cli';
import type { CliCommand } from '../../../src-main/app/cli/command';
import { appIdentity } from '../../../src-main/app/app_identity';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const echo: CliCommand = {
  name: 'echo-data-dir',
  summary: 'Prints the data folder it was given',
  usage: '[--loud]',
  options: { loud: { type: 'boolean' } },
  async run({ values, positionals, context }) {
    context.output.out(`${context.dataPaths.dataDir}|${values.loud === true}|${positionals.join(',')}`);
    return 7;
  },
};

describe('cmp-desk CLI', () => {
  it('prints the version', async () => {
    const io = capture();
    expect(await runCli(['--version'], { output: io.output })).toBe(0);
    expect(io.out).toEqual([`cmp-desk ${appIdentity.version}`]);
  });

  it('lists every registered command in --help', async () => {
    const io = capture();
    expect(await runCli(['--help'], { output: io.output, commands: [echo] })).toBe(0);
    expect(io.out.join('\n')).toContain('echo-data-dir');
    expect(io.out.join('\n')).toContain('Prints the data folder it was given');
  });

  it('shows help when no command is given', async () => {
    const io = capture();
    expect(await runCli([], { output: io.output })).toBe(0);
    expect(io.out.join('\n')).toContain('Usage: cmp-desk');
    expect(io.out.join('\n')).toContain('paths');
  });

  it('passes --data-dir (before or after the command), options and positionals to the command', async () => {
    const io = capture();
    expect(await runCli(['--data-dir', '/tmp/a', 'echo-data-dir', 'x', '--loud'], { output: io.output, commands: [echo], env: {} })).toBe(7);
    expect(await runCli(['echo-data-dir', '--data-dir=/tmp/b'], { output: io.output, commands: [echo], env: {} })).toBe(7);
    expect(io.out).toEqual(['/tmp/a|true|x', '/tmp/b|false|']);
  });

  it('uses CMP_DESK_DATA_DIR when no --data-dir is given', async () => {
    const io = capture();
    await runCli(['echo-data-dir'], { output: io.output, commands: [echo], env: { CMP_DESK_DATA_DIR: '/tmp/env-dir' } });
    expect(io.out[0]).toMatch(/^\/tmp\/env-dir\|/);
  });

  it('exits 2 with a message for an unknown command or option', async () => {
    const io = capture();
    expect(await runCli(['nope'], { output: io.output, commands: [echo] })).toBe(2);
    expect(await runCli(['echo-data-dir', '--nope'], { output: io.output, commands: [echo] })).toBe(2);
    expect(io.err.join('\n')).toContain('unknown command "nope"');
    expect(io.err.join('\n')).toContain('--nope');
  });
});
