import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** A TypeScript child process that prints "ready" once it has opened what it works on. */
export interface TsxChild {
  process: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves at "ready"; rejects with the child's stderr if it exits first. */
  ready: Promise<void>;
  /** Resolves with the exit signal or code. */
  exited: Promise<string>;
  stderr(): string;
}

/** Starts `script` through tsx with `args`, for crash tests that kill and restart an engine. */
export function startTsxChild(script: string, args: readonly string[]): TsxChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? String(code))));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    void exited.then((how) => reject(new Error(`child exited (${how}) before it was ready: ${stderr}`)));
  });
  return { process: child, ready, exited, stderr: () => stderr };
}
