import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCertificate } from '../../../src-main/pki';

const cli = fileURLToPath(new URL('../../../bin/cmp-desk.mjs', import.meta.url));

/** The lab CA as production has it: its own process (`cmp-desk labca`), reached over HTTP. */
export interface LabCaProcess {
  pid: number;
  cmpUrl: string;
  rootCertificateDer: Uint8Array;
  stop(): Promise<void>;
}

export async function startLabCaProcess(options: { dir: string; reference: string; secret: string; validity: string }): Promise<LabCaProcess> {
  const child = spawn(process.execPath, [cli, 'labca', '--dir', options.dir, '--port', '0', '--ref', options.reference, '--secret', 'env:CMP_DESK_BENCH_SECRET', '--validity', options.validity, '--key-passphrase', 'env:CMP_DESK_BENCH_CA_PASSPHRASE'], {
    env: { ...process.env, CMP_DESK_BENCH_SECRET: options.secret, CMP_DESK_BENCH_CA_PASSPHRASE: 'bench-ca-passphrase' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const lines = await outputUntilRunning(child);
    const field = (label: string) => lines.find((line) => line.startsWith(label))?.slice(label.length).trim();
    const cmpUrl = field('CMP:');
    const rootPath = field('root CA:');
    if (!cmpUrl || !rootPath) throw new Error(`cmp-desk labca printed no CMP URL or root CA path:\n${lines.join('\n')}`);
    return {
      pid: child.pid!,
      cmpUrl,
      rootCertificateDer: parseCertificate(readFileSync(rootPath, 'utf8')).der,
      async stop() {
        if (child.exitCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function outputUntilRunning(child: ChildProcess): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('lab CA running')) resolve(out.split('\n'));
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk));
    child.once('exit', (code) => reject(new Error(`cmp-desk labca exited with ${code} before it was running:\n${out}${err}`)));
    child.once('error', reject);
  });
}
