import type { Migration } from './migration';

/**
 * `bump(recordIdsSelect)`: the trigger statements that give the records a new change sequence.
 * The SELECT yields record ids and must end with a WHERE clause (SQLite's upsert-after-SELECT rule).
 */
function bump(recordIdsSelect: string): string {
  return `UPDATE lifecycle_change_counter SET sequence = sequence + 1;
    INSERT INTO lifecycle_changes (record_id, sequence)
      SELECT ids.record_id, (SELECT sequence FROM lifecycle_change_counter) FROM (${recordIdsSelect}) ids WHERE ids.record_id IS NOT NULL
      ON CONFLICT (record_id) DO UPDATE SET sequence = excluded.sequence;`;
}

/** One trigger per table and event; `recordIds(row)` selects the records a row of that table concerns. */
function triggers(table: string, recordIds: (row: 'NEW' | 'OLD') => string, updateOf = ''): string {
  return (['INSERT', 'UPDATE', 'DELETE'] as const)
    .map((event) => {
      const row = event === 'DELETE' ? 'OLD' : 'NEW';
      const on = event === 'UPDATE' && updateOf ? `UPDATE OF ${updateOf}` : event;
      return `CREATE TRIGGER lifecycle_changes_${table}_${event.toLowerCase()} AFTER ${on} ON ${table}
        BEGIN ${bump(recordIds(row))} END;`;
    })
    .join('\n');
}

/**
 * Which records changed since the processing tick last read them: every write to a table the tick
 * rows are made of gives the records it concerns a new, increasing change sequence. The triggers
 * see every writer (this process, the CLI next to the app), so the tick reads only changed rows.
 * A profile change concerns every record that uses it. lifecycle_changes has no foreign key: the
 * row of a deleted record stays and tells the tick to drop it.
 */
export const lifecycleChanges: Migration = {
  version: 3,
  description: 'lifecycle: per-record change sequence kept by triggers, so the tick reads only changed records',
  up(connection) {
    connection.exec(`
      CREATE TABLE lifecycle_change_counter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        sequence INTEGER NOT NULL
      ) STRICT;
      INSERT INTO lifecycle_change_counter VALUES (1, 0);

      CREATE TABLE lifecycle_changes (
        record_id TEXT PRIMARY KEY,
        sequence INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX lifecycle_changes_by_sequence ON lifecycle_changes (sequence);

      ${triggers('certificate_records', (row) => `SELECT ${row}.id AS record_id WHERE 1`)}
      ${triggers('cmp_profiles', (row) => `SELECT id AS record_id FROM certificate_records WHERE cmp_profile_id = ${row}.id`)}
      ${triggers('certificates', (row) => `SELECT ${row}.record_id AS record_id WHERE 1`)}
      ${triggers('certificate_request_parameters', (row) => `SELECT record_id FROM certificates WHERE id = ${row}.certificate_id`)}
      ${triggers('transactions', (row) => `SELECT ${row}.record_id AS record_id WHERE 1`, 'type, state, next_poll_at')}
      ${triggers('lifecycle_requests', (row) => `SELECT record_id FROM transactions WHERE id = ${row}.transaction_row_id`, 'apply_mode, fingerprint')}
      ${triggers('lifecycle_record_state', (row) => `SELECT ${row}.record_id AS record_id WHERE 1`)}
    `);
  },
};
