import { chmod, mkdir, stat } from 'node:fs/promises';

/** A deploy folder others could tamper with: files written there could be swapped under a device. */
export class UnsafeDeployFolderError extends Error {
  constructor(
    readonly folder: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`deploy folder ${folder} ${problem}; ${fix}`);
    this.name = 'UnsafeDeployFolderError';
  }
}

/**
 * Who decides the folder's permissions. The data folder's own deploy folders are cmp-desk's and are
 * made 0700 even when they already existed; a folder the administrator chose is created 0700 when
 * missing, and otherwise kept as the administrator set it, as long as it is safe.
 */
export type DeployFolderOwner = 'data-folder' | 'administrator';

/**
 * Creates `folder` (0700) if missing and refuses it when it is not a folder, belongs to another
 * user, or group or others may write to it: anyone who can write there can replace the files a
 * device trusts. POSIX permission bits only; on Windows the folder's ACLs decide and are not read.
 */
export async function prepareDeployFolder(folder: string, owner: DeployFolderOwner): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  if (owner === 'data-folder') await chmod(folder, 0o700);
  if (process.platform === 'win32') return;
  const info = await stat(folder);
  if (!info.isDirectory()) throw new UnsafeDeployFolderError(folder, 'is not a folder', 'choose a folder');
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new UnsafeDeployFolderError(folder, `belongs to user ${info.uid}, not to the user cmp-desk runs as (${uid})`, `choose a folder of user ${uid} or give this one to it (chown)`);
  }
  const mode = info.mode & 0o777;
  if ((mode & 0o022) !== 0) {
    throw new UnsafeDeployFolderError(folder, `may be written by ${mode & 0o020 ? 'its group' : ''}${(mode & 0o022) === 0o022 ? ' and ' : ''}${mode & 0o002 ? 'everyone' : ''} (mode ${mode.toString(8).padStart(4, '0')})`, `make it writable by its owner only (chmod go-w ${folder}), or 0700`);
  }
}
