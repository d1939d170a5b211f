import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openLifecycle, type OpenLifecycle } from '../../../src-main/lifecycle';
import { MemorySecretStore } from '../config/service_fixture';

/**
 * The real lifecycle on a fresh data folder, with a test clock, secrets in memory, and no
 * notifications or enrollments: for tests of what the engine decides and stores, not of CMP.
 * `close()` checks PRAGMA integrity_check, then closes and removes the folder.
 */
export async function openQuietLifecycle(name: string, now: () => number): Promise<{ life: OpenLifecycle; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), `cmp-desk-${name}-`));
  const life = await openLifecycle({
    dataDir: dir,
    notifier: { notify: () => undefined },
    secrets: new MemorySecretStore(name),
    clock: { now, sleep: async () => undefined },
    enroller: { enroll: async () => { throw new Error('no enrollment in these tests'); } },
  });
  const close = () => {
    try {
      expect(life.store.database.integrityCheck()).toEqual([]);
    } finally {
      life.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { life, close };
}
