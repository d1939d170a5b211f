import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { applyMigrations, migrations, openDatabase, type StoreDatabase } from '../../../src-main/store';

/** A fresh temporary data folder. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'cmp-desk-store-'));
}

/**
 * A fresh data folder whose database an older cmp-desk left at schema `version`, holding the rows
 * `seed` writes with that version's SQL: what a migration test upgrades.
 */
export function dataDirAtSchemaVersion(version: number, seed: (connection: Database.Database) => void): string {
  const dataDir = tempDataDir();
  const path = join(dataDir, 'cmp-desk.sqlite3');
  const raw = new Database(path);
  try {
    expect(applyMigrations(raw, path, migrations.slice(0, version))).toBe(version);
    seed(raw);
  } finally {
    raw.close();
  }
  return dataDir;
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
