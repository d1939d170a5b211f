import { parseDomain, statisticsCounterSchema, type StatisticsCounter, type StatisticsMessageType, type StatisticsOutcome } from '../../src-shared/domain';
import type { Connection } from './database';

/** The column value for counters that concern no record (genm, and those of deleted records: migration 005). */
const noRecord = '';

/** Counters of CMP messages by record, message type and outcome (reference/002's statistics). */
export class Statistics {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Adds one to the counter. */
  count(recordId: string | null, messageType: StatisticsMessageType, outcome: StatisticsOutcome): void {
    this.connection
      .prepare(
        `INSERT INTO statistics (record_id, message_type, outcome, count, last_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (record_id, message_type, outcome) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
      )
      .run(recordId ?? noRecord, messageType, outcome, this.now().toISOString());
  }

  /** All counters, or one record's (null: the counters that concern no record). */
  list(recordId?: string | null): StatisticsCounter[] {
    const rows = (
      recordId === undefined
        ? this.connection.prepare('SELECT * FROM statistics ORDER BY record_id, message_type, outcome').all()
        : this.connection.prepare('SELECT * FROM statistics WHERE record_id = ? ORDER BY message_type, outcome').all(recordId ?? noRecord)
    ) as Record<string, unknown>[];
    return rows.map((row) =>
      parseDomain(
        statisticsCounterSchema,
        { recordId: row.record_id === noRecord ? null : row.record_id, messageType: row.message_type, outcome: row.outcome, count: row.count, lastAt: row.last_at },
        'statistics counter (stored)',
      ),
    );
  }

  /** Clears all counters, or one record's. */
  reset(recordId?: string | null): number {
    if (recordId === undefined) return this.connection.prepare('DELETE FROM statistics').run().changes;
    return this.connection.prepare('DELETE FROM statistics WHERE record_id = ?').run(recordId ?? noRecord).changes;
  }
}
