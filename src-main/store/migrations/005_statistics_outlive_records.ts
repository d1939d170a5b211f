import type { Migration } from './migration';

/**
 * Statistics are kept for the whole life of the data folder: deleting a certificate record used to
 * delete its counters with it, so the global totals went down. Now its counters are added to the
 * counters that concern no record (record_id ''), and only the per-record rows go.
 */
export const statisticsOutliveRecords: Migration = {
  version: 5,
  description: 'statistics: a deleted record\'s counters move to the global (no-record) counters',
  up(connection) {
    connection.exec(`
      DROP TRIGGER statistics_follow_record_deletion;
      CREATE TRIGGER statistics_outlive_record_deletion AFTER DELETE ON certificate_records
      BEGIN
        INSERT INTO statistics (record_id, message_type, outcome, count, last_at)
          SELECT '', message_type, outcome, count, last_at FROM statistics WHERE record_id = OLD.id
          ON CONFLICT (record_id, message_type, outcome) DO UPDATE SET count = count + excluded.count, last_at = max(last_at, excluded.last_at);
        DELETE FROM statistics WHERE record_id = OLD.id;
      END;
    `);
  },
};
