import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseOpenError } from './errors';
import { applyMigrations } from './migrations/migrate';
import { migrations } from './migrations';

/** The better-sqlite3 connection the repositories work on. */
export type Connection = Database.Database;

/** The database file inside the data folder. */
export const databaseFileName = 'cmp-desk.sqlite3';

/** An open cmp-desk database: one file in the data folder, migrated to the current schema. */
export interface StoreDatabase {
  readonly path: string;
  readonly connection: Connection;
  /** The schema version after migration (SQLite user_version). */
  readonly schemaVersion: number;
  /** PRAGMA integrity_check; an empty list means the file is sound. */
  integrityCheck(): string[];
  close(): void;
}

/**
 * Opens (creating if needed) the database in `dataDir` and migrates it.
 *
 * - WAL: the renderer's reads never wait for the lifecycle's writes, and a crash mid-write leaves
 *   the last committed state (the half-written WAL frame is ignored on reopen).
 * - synchronous=FULL: every commit reaches the disk before it returns. The journal records CMP
 *   transactions that a CA has already seen (transactionID, nonces, a pending key); losing the
 *   last commit on power loss would make us forget a certificate the CA issued. Writes are few
 *   (hundreds of records, a few per tick), so the cost of the extra fsync does not matter.
 * - foreign_keys=ON: references between configuration objects are enforced, not hoped for.
 * - busy_timeout: a second process (the CLI next to the app) waits for a lock instead of failing.
 */
export function openDatabase(dataDir: string, fileName = databaseFileName): StoreDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, fileName);
  let connection: Connection;
  try {
    connection = new Database(path);
  } catch (error) {
    throw new DatabaseOpenError(path, (error as Error).message);
  }
  try {
    connection.pragma('busy_timeout = 5000');
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = FULL');
    connection.pragma('foreign_keys = ON');
  } catch (error) {
    connection.close();
    const notADatabase = (error as { code?: unknown }).code === 'SQLITE_NOTADB';
    throw new DatabaseOpenError(path, notADatabase ? 'the file is not a SQLite database' : (error as Error).message);
  }
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  try {
    const schemaVersion = applyMigrations(connection, path, migrations);
    return {
      path,
      connection,
      schemaVersion,
      integrityCheck: () => integrityCheck(connection),
      close: () => connection.close(),
    };
  } catch (error) {
    connection.close();
    throw error;
  }
}

/** Runs PRAGMA integrity_check and returns the problems it lists (none: the file is sound). */
export function integrityCheck(connection: Connection): string[] {
  const rows = connection.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((r) => r.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}
