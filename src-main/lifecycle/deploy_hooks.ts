import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeployHook } from '../../src-shared/domain';
import { prepareDeployFolder, type DeployFolderOwner } from './deploy_folder';

/** The files a deployment writes for one record, as the hook commands see them. */
export interface DeployedFiles {
  certificate: string;
  privateKey: string;
  chain: string;
  fullChain: string;
}

export interface DeployInput {
  /** The folder that receives this record's files. */
  folder: string;
  /** Whose folder it is: see prepareDeployFolder. */
  folderOwner: DeployFolderOwner;
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

/** A record's own folder inside the data folder's deploy folder, for records that name none. */
export function defaultDeployFolder(deployRoot: string, recordName: string): string {
  return join(deployRoot, deployFolderName(recordName));
}

/**
 * Writes `content` so readers see the old file or the new one, never half of it: a new file with
 * its final mode from the first byte, flushed, then renamed over the old one (which also replaces
 * a symbolic link itself instead of writing through it).
 */
export async function writeAtomically(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.chmod(mode);
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
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
 * folder (0700, see prepareDeployFolder), then runs each command (no shell) with the paths in
 * CMP_DESK_* variables. Problems are returned, never thrown: a failed hook must not undo a renewal.
 */
export async function deployCertificate(input: DeployInput): Promise<{ files: DeployedFiles | null; problems: DeployProblem[] }> {
  const directory = input.folder;
  const files: DeployedFiles = {
    certificate: join(directory, 'cert.pem'),
    privateKey: join(directory, 'key.pem'),
    chain: join(directory, 'chain.pem'),
    fullChain: join(directory, 'fullchain.pem'),
  };
  try {
    await prepareDeployFolder(directory, input.folderOwner);
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
