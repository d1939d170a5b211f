import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningWebHost {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Builds the app (dist/) from the current sources; global_setup.ts calls it once per e2e run. */
export function buildApp(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

/** A fresh, empty data folder for one web host. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'cmp-desk-e2e-data-'));
}

/**
 * Starts `node dist/web.mjs` on a free port and waits for its URL; the data folder is a fresh one
 * unless the test prepared (seeded) one. stop() removes it either way.
 */
export async function startWebHostProcess(dataDir: string = freshDataDir()): Promise<RunningWebHost> {
  const child: ChildProcess = spawn(process.execPath, ['dist/web.mjs', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(output);
      if (match) resolve(match[0]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the web host exited with ${code} before printing its URL:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
