import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireSchedulerLock, processExists, readSchedulerLock, SchedulerLockHeldError, schedulerLockFileName } from '../../../src-main/app/service/scheduler_lock';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cmp-desk-lock-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const lockPath = () => join(dataDir, schedulerLockFileName);

describe('scheduler lock', () => {
  it('records pid, host, kind and start time, and removes the file on release', () => {
    const lock = acquireSchedulerLock({ dataDir, kind: 'service', host: 'box', now: () => new Date('2026-01-02T03:04:05Z') });
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toEqual({ pid: process.pid, host: 'box', kind: 'service', startedAt: '2026-01-02T03:04:05.000Z' });
    lock.release();
    expect(readSchedulerLock(lockPath())).toBe('missing');
  });

  it('refuses a second scheduler and names the holder', () => {
    const first = acquireSchedulerLock({ dataDir, kind: 'desktop', host: 'box' });
    let refused: unknown;
    try {
      acquireSchedulerLock({ dataDir, kind: 'service', host: 'box', pid: process.pid + 1 });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SchedulerLockHeldError);
    expect((refused as SchedulerLockHeldError).holder).toMatchObject({ pid: process.pid, kind: 'desktop', host: 'box' });
    expect((refused as Error).message).toContain(`cmp-desk desktop app (pid ${process.pid} on box`);
    first.release();
  });

  it('takes over a stale lock whose process is gone on this host', () => {
    writeFileSync(lockPath(), JSON.stringify({ pid: 999_999_999, host: 'box', kind: 'desktop', startedAt: '2020-01-01T00:00:00.000Z' }));
    const lock = acquireSchedulerLock({ dataDir, kind: 'service', host: 'box', isAlive: (pid) => pid !== 999_999_999 });
    expect(readSchedulerLock(lockPath())).toMatchObject({ kind: 'service', pid: process.pid });
    lock.release();
  });

  it('never takes over a lock from another host, alive or not', () => {
    writeFileSync(lockPath(), JSON.stringify({ pid: 1, host: 'other-box', kind: 'service', startedAt: '2020-01-01T00:00:00.000Z' }));
    expect(() => acquireSchedulerLock({ dataDir, kind: 'desktop', host: 'box', isAlive: () => false })).toThrow(/pid 1 on other-box/);
  });

  it('refuses an unreadable lock file instead of guessing', () => {
    writeFileSync(lockPath(), 'garbage');
    expect(() => acquireSchedulerLock({ dataDir, kind: 'service' })).toThrow(/cannot be read/);
  });

  it('release leaves a lock someone else took after ours alone', () => {
    const lock = acquireSchedulerLock({ dataDir, kind: 'service', host: 'box' });
    writeFileSync(lockPath(), JSON.stringify({ pid: 42, host: 'box', kind: 'desktop', startedAt: '2030-01-01T00:00:00.000Z' }));
    lock.release();
    expect(readSchedulerLock(lockPath())).toMatchObject({ pid: 42 });
  });

  it('processExists sees this process and not a free pid', () => {
    expect(processExists(process.pid)).toBe(true);
    expect(processExists(2 ** 22 + 12345)).toBe(false);
  });
});
