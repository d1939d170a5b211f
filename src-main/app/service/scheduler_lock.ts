import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The file in the data folder that says who runs the scheduler on it. */
export const schedulerLockFileName = 'scheduler.lock';

/** Which kind of cmp-desk process holds the scheduler: the desktop app or the headless service. */
export type SchedulerHolderKind = 'desktop' | 'service';

/** What the lock file records, so a refused second scheduler can name the first. */
export interface SchedulerLockHolder {
  pid: number;
  host: string;
  kind: SchedulerHolderKind;
  /** ISO 8601 start time of the holder. */
  startedAt: string;
}

/** Another process runs the scheduler on this data folder; the message names it. */
export class SchedulerLockHeldError extends Error {
  constructor(readonly lockPath: string, readonly holder: SchedulerLockHolder | undefined) {
    super(
      holder
        ? `the scheduler for this data folder already runs in the ${holder.kind === 'desktop' ? 'cmp-desk desktop app' : 'cmp-desk service'} ` +
            `(pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}); stop it first, or use another data folder. Lock file: ${lockPath}`
        : `the scheduler lock ${lockPath} exists but cannot be read; if no cmp-desk runs on this data folder, delete the file`,
    );
    this.name = 'SchedulerLockHeldError';
  }
}

export interface SchedulerLockOptions {
  dataDir: string;
  kind: SchedulerHolderKind;
  /** Injectable for tests; default: this process. */
  pid?: number;
  host?: string;
  now?: () => Date;
  /** True when a process with this pid exists on this computer. */
  isAlive?: (pid: number) => boolean;
}

/** A held scheduler lock; release() removes the file if it is still ours. */
export interface SchedulerLock {
  readonly path: string;
  readonly holder: SchedulerLockHolder;
  release(): void;
}

/**
 * Takes the scheduler lock of a data folder: the file is created exclusively (O_EXCL), so two
 * processes racing for it cannot both win. A lock whose holder ran on this host and whose pid is
 * gone is stale (a crash or SIGKILL) and is taken over. A lock from another host (a shared folder)
 * is never taken over: we cannot see that host's processes.
 */
export function acquireSchedulerLock(options: SchedulerLockOptions): SchedulerLock {
  const path = join(options.dataDir, schedulerLockFileName);
  const holder: SchedulerLockHolder = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    kind: options.kind,
    startedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  const isAlive = options.isAlive ?? processExists;
  mkdirSync(options.dataDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, holder)) return heldLock(path, holder);
    const current = readSchedulerLock(path);
    if (current === 'missing') continue;
    if (current === 'unreadable' || current.host !== holder.host || isAlive(current.pid)) {
      throw new SchedulerLockHeldError(path, current === 'unreadable' ? undefined : current);
    }
    removeIfUnchanged(path, current);
  }
  throw new SchedulerLockHeldError(path, asHolder(readSchedulerLock(path)));
}

/** The lock file's holder, 'missing' when there is none, 'unreadable' when it is not ours to parse. */
export function readSchedulerLock(path: string): SchedulerLockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return 'unreadable';
  }
  try {
    const parsed = JSON.parse(text.slice(0, 4096)) as Partial<SchedulerLockHolder>;
    if (Number.isInteger(parsed.pid) && typeof parsed.host === 'string' && (parsed.kind === 'desktop' || parsed.kind === 'service') && typeof parsed.startedAt === 'string') {
      return { pid: parsed.pid as number, host: parsed.host, kind: parsed.kind, startedAt: parsed.startedAt };
    }
  } catch {
    // fall through: a half-written or foreign file
  }
  return 'unreadable';
}

/** `process.kill(pid, 0)` probes without signalling; EPERM still means the process exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string, holder: SchedulerLockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function heldLock(path: string, holder: SchedulerLockHolder): SchedulerLock {
  let released = false;
  return {
    path,
    holder,
    release() {
      if (released) return;
      released = true;
      removeIfUnchanged(path, holder);
    },
  };
}

/** Deletes the lock only if it still names `expected`, so we never remove a lock someone else took. */
function removeIfUnchanged(path: string, expected: SchedulerLockHolder): void {
  const current = readSchedulerLock(path);
  if (typeof current !== 'object') return;
  if (current.pid !== expected.pid || current.host !== expected.host || current.startedAt !== expected.startedAt) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function asHolder(value: ReturnType<typeof readSchedulerLock>): SchedulerLockHolder | undefined {
  return typeof value === 'object' ? value : undefined;
}
