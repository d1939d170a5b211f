import type Database from 'better-sqlite3';
import { DatabaseTooNewError } from '../errors';
import type { Migration } from './migration';

/**
 * Brings the database to the newest schema: each pending migration and its user_version bump run
 * in one transaction, so a crash leaves the database at a whole version. Re-running is a no-op.
 * Returns the resulting version.
 */
export function applyMigrations(connection: Database.Database, path: string, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list is broken: position ${i + 1} holds version ${m.version}`);
  });
  const latest = migrations.length;
  const current = connection.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseTooNewError(path, current, latest);
  for (const migration of migrations.slice(current)) {
    connection.transaction(() => {
      // Re-read under the write lock: another process may have migrated since we looked.
      if ((connection.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      migration.up(connection);
      connection.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return connection.pragma('user_version', { simple: true }) as number;
}
