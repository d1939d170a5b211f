import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { openDatabase, type StoreDatabase } from '../../../src-main/store';

/** A fresh temporary data folder. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'cmp-desk-store-'));
}

/**
 * A real database file in a fresh data folder for every test; after each test it must pass
 * PRAGMA integrity_check, then it is closed and removed.
 */
export function useTempDatabase(): { readonly db: StoreDatabase; readonly dataDir: string } {
  const state = {} as { db: StoreDatabase; dataDir: string };
  beforeEach(() => {
    state.dataDir = tempDataDir();
    state.db = openDatabase(state.dataDir);
  });
  afterEach(() => {
    try {
      if (state.db.connection.open) {
        expect(state.db.integrityCheck()).toEqual([]);
        state.db.close();
      }
    } finally {
      rmSync(state.dataDir, { recursive: true, force: true });
    }
  });
  return state;
}

/** The raw bytes of the database and its WAL, as an attacker reading the data folder sees them. */
export function databaseFileBytes(db: StoreDatabase): Buffer {
  const parts = [db.path, `${db.path}-wal`].filter(existsSync).map((p) => readFileSync(p));
  return Buffer.concat(parts);
}
