import type { Connection } from './database';

/** A row as better-sqlite3 binds it: named parameters, SQLite value types only. */
export type SqlRow = Record<string, string | number | bigint | Buffer | null>;

/**
 * Inserts `row` into `table`, or updates every given column when the id exists. Unlike
 * INSERT OR REPLACE it never deletes the old row, so ON DELETE actions of references do not fire.
 * Table and column names come from our code, never from input.
 */
export function upsert(connection: Connection, table: string, row: SqlRow): void {
  const columns = Object.keys(row);
  const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  connection
    .prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')}) ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`)
    .run(row);
}

/** Replaces the ordered child list of `ownerId` in a (owner, position, value) table. */
export function replaceOrderedList(connection: Connection, table: string, ownerColumn: string, valueColumn: string, ownerId: string, values: readonly string[]): void {
  connection.prepare(`DELETE FROM ${table} WHERE ${ownerColumn} = ?`).run(ownerId);
  const insert = connection.prepare(`INSERT INTO ${table} (${ownerColumn}, position, ${valueColumn}) VALUES (?, ?, ?)`);
  values.forEach((value, i) => insert.run(ownerId, i + 1, value));
}

/** The ordered child list of `ownerId`. */
export function readOrderedList(connection: Connection, table: string, ownerColumn: string, valueColumn: string, ownerId: string): string[] {
  return (connection.prepare(`SELECT ${valueColumn} AS value FROM ${table} WHERE ${ownerColumn} = ? ORDER BY position`).all(ownerId) as { value: string }[]).map((r) => r.value);
}

export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: unknown): boolean => value === 1;
export const toIsoTime = (date: Date): string => date.toISOString();
