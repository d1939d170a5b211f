import type Database from 'better-sqlite3';

/** One schema step. `version` is the SQLite user_version the database has after it. */
export interface Migration {
  version: number;
  description: string;
  up(connection: Database.Database): void;
}
