import type { Migration } from './migration';

/**
 * What the lifecycle engine must remember beyond the domain objects:
 * - the parameters each certificate was requested with, so a record edit is detected by comparing
 *   wishes with what the certificate was asked for (IR vs KUR triggers of reference/000);
 * - per open transaction, what it requests, the engine's resumable snapshot, and a certificate
 *   received but not yet put into use (KUR window, or certConf sent just before a crash);
 * - per record, when the next attempt may start after failures, and when it was last warned.
 */
export const lifecycleState: Migration = {
  version: 2,
  description: 'lifecycle: request parameters of certificates and transactions, held certificates, retry and warning state',
  up(connection) {
    connection.exec(`
      CREATE TABLE certificate_request_parameters (
        certificate_id TEXT PRIMARY KEY REFERENCES certificates (id) ON DELETE CASCADE,
        parameters_json TEXT NOT NULL,
        fingerprint TEXT NOT NULL
      ) STRICT;

      CREATE TABLE lifecycle_requests (
        transaction_row_id TEXT PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
        parameters_json TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        apply_mode TEXT NOT NULL CHECK (apply_mode IN ('window', 'now')),
        snapshot_json TEXT,
        received_certificate_der BLOB,
        received_chain_json TEXT
      ) STRICT;

      CREATE TABLE lifecycle_record_state (
        record_id TEXT PRIMARY KEY REFERENCES certificate_records (id) ON DELETE CASCADE,
        retry_at TEXT,
        failures INTEGER NOT NULL CHECK (failures >= 0),
        last_error TEXT,
        last_warning_at TEXT
      ) STRICT;
    `);
  },
};
