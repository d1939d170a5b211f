import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeployHook } from '../../src-shared/domain';

/** The files a deployment writes for one record, as the hook commands see them. */
export interface DeployedFiles {
  certificate: string;
  privateKey: string;
  chain: string;
  fullChain: string;
}

export interface DeployInput {
  /** The folder that receives one sub-folder per record. */
  folder: string;
  recordName: string;
  certificatePem: string;
  privateKeyPem: string;
  chainPem: string;
  hooks: readonly DeployHook[];
  /** Longest a hook command may run. */
  timeoutMs?: number;
}

/** What went wrong in one deployment step; the certificate itself is already safe in the store. */
export interface DeployProblem {
  step: string;
  message: string;
}

/** A record name as a folder name: letters, digits, dot, dash and underscore only. */
export function deployFolderName(recordName: string): string {
  return recordName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
}

/** Writes `content` so readers see the old file or the new one, never half of it. */
async function writeAtomically(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', mode);
  try {
    await handle.writeFile(content);
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function runHook(hook: DeployHook, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(hook.command, hook.args, { env, timeout: timeoutMs, windowsHide: true }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${hook.command} failed (${error.code ?? error.signal ?? error.message})${stderr ? `: ${stderr.trim().slice(0, 500)}` : ''}`));
      else resolve();
    });
  });
}

/**
 * Like certbot's deploy hooks: writes cert, key (0600), chain and full chain into the record's
 * folder, then runs each command (no shell) with the paths in CMP_DESK_* variables. Problems are
 * returned, never thrown: a failed hook must not undo a renewal.
 */
export async function deployCertificate(input: DeployInput): Promise<{ files: DeployedFiles | null; problems: DeployProblem[] }> {
  const directory = join(input.folder, deployFolderName(input.recordName));
  const files: DeployedFiles = {
    certificate: join(directory, 'cert.pem'),
    privateKey: join(directory, 'key.pem'),
    chain: join(directory, 'chain.pem'),
    fullChain: join(directory, 'fullchain.pem'),
  };
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    // mkdir leaves a folder that already exists as it is: the key's folder is the owner's alone either way.
    await chmod(directory, 0o700);
    await writeAtomically(files.privateKey, input.privateKeyPem, 0o600);
    await writeAtomically(files.certificate, input.certificatePem, 0o644);
    await writeAtomically(files.chain, input.chainPem, 0o644);
    await writeAtomically(files.fullChain, input.certificatePem + input.chainPem, 0o644);
  } catch (error) {
    return { files: null, problems: [{ step: `writing files to ${directory}`, message: (error as Error).message }] };
  }
  const env = {
    ...process.env,
    CMP_DESK_RECORD: input.recordName,
    CMP_DESK_CERT_FILE: files.certificate,
    CMP_DESK_KEY_FILE: files.privateKey,
    CMP_DESK_CHAIN_FILE: files.chain,
    CMP_DESK_FULLCHAIN_FILE: files.fullChain,
  };
  const problems: DeployProblem[] = [];
  for (const hook of input.hooks) {
    try {
      await runHook(hook, env, input.timeoutMs ?? 120_000);
    } catch (error) {
      problems.push({ step: `deploy hook ${hook.command}`, message: (error as Error).message });
    }
  }
  return { files, problems };
}
