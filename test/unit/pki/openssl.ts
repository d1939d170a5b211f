import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder plus the openssl CLI run inside it: the independent implementation our output must satisfy. */
export interface OpensslDir {
  dir: string;
  path(name: string): string;
  write(name: string, data: string | Uint8Array): string;
  read(name: string): Buffer;
  readText(name: string): string;
  /** Runs openssl; throws with stderr when it exits non-zero. */
  run(args: string[], input?: string | Uint8Array): string;
  /** Runs openssl and returns exit status and stdout+stderr, for commands that report verdicts on stderr. */
  runStatus(args: string[]): { status: number | null; output: string };
  remove(): void;
}

export function opensslDir(): OpensslDir {
  const dir = mkdtempSync(join(tmpdir(), 'cmp-desk-pki-'));
  const path = (name: string) => join(dir, name);
  return {
    dir,
    path,
    write: (name, data) => {
      writeFileSync(path(name), data);
      return path(name);
    },
    read: (name) => readFileSync(path(name)),
    readText: (name) => readFileSync(path(name), 'utf8'),
    run: (args, input) => {
      try {
        return execFileSync('openssl', args, { cwd: dir, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
      } catch (error) {
        const failure = error as { stderr?: string; stdout?: string };
        throw new Error(`openssl ${args.join(' ')} failed: ${failure.stderr ?? ''}${failure.stdout ?? ''}`);
      }
    },
    runStatus: (args) => {
      const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
