import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cmpCommand } from '../../../src-main/app/cli/commands/cmp';
import { runCli } from '../../../src-main/app/cli/cli';

/** What one `cmp-desk cmp …` run produced. */
export interface CmpCliRun {
  exitCode: number | null;
  stdout: string[];
  stderr: string[];
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Runs `cmp-desk cmp <args>` in this process through the real CLI dispatcher (argument parsing,
 * usage errors, exit codes), with output captured line by line.
 */
export async function runCmpInProcess(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CmpCliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exitCode = await runCli(['cmp', ...args], {
    output: { out: (line) => stdout.push(...line.split('\n')), err: (line) => stderr.push(...line.split('\n')) },
    env: { CMP_DESK_DATA_DIR: REPO, ...env },
    commands: [cmpCommand],
  });
  return { exitCode, stdout, stderr };
}

/**
 * Runs `tsx src-main/app/cli/main.ts cmp <args>` as a child process, the way an administrator
 * runs it, to prove the process exit code and what lands on stderr. tsx is started from
 * node_modules directly: npx would add its own warnings to stderr.
 */
export function runCmpChild(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CmpCliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO, 'node_modules/.bin/tsx'), ['src-main/app/cli/main.ts', 'cmp', ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);
      resolve({ exitCode: code, stdout: lines(out), stderr: lines(err) });
    });
  });
}
