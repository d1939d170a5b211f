import { spawn } from 'node:child_process';

/** What one `openssl cmp` client run did. */
export interface OpensslCmpResult {
  /** null when it was killed (timeout). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Where and how long runOpensslCmp may run. */
export interface OpensslCmpRunOptions {
  cwd?: string;
  /** Kill the client after this long (default 30 s); the result then has exitCode null. */
  timeoutMs?: number;
}

/**
 * Runs `openssl cmp <args>` as a CMP client, e.g. against the lab CA, and collects its output. Unless args contain
 * `-config`, `-config ''` is put first so the system openssl.cnf cannot change the run. Never rejects for a
 * non-zero exit: assert on exitCode and stderr (OpenSSL logs "CMP info/error: …" there).
 */
export function runOpensslCmp(args: readonly string[], options: OpensslCmpRunOptions = {}): Promise<OpensslCmpResult> {
  const fullArgs = ['cmp', ...(args.includes('-config') ? [] : ['-config', '']), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', fullArgs, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, stdout, stderr });
    });
  });
}
