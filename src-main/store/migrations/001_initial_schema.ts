import type { Migration } from './migration';

const now = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * The whole domain of DESIGN.md. Lists that are only ever read with their owner (key usages,
 * SANs, deploy hooks) are JSON columns; lists that refer to other objects are tables so the
 * references are enforced. Private keys have no plaintext column at all.
 */
export const initialSchema: Migration = {
  version: 1,
  description: 'configuration objects, certificate records and versions, encrypted keys, transaction journal, audit log, statistics',
  up(connection) {
    connection.exec(`
      CREATE TABLE data_folder (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        keychain_namespace TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO data_folder VALUES (1, 'df-' || lower(hex(randomblob(16))), ${now});

      CREATE TABLE global_config (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        processing_interval_minutes INTEGER NOT NULL CHECK (processing_interval_minutes BETWEEN 1 AND 1440),
        kur_window_start TEXT NOT NULL,
        kur_window_end TEXT NOT NULL,
        expiry_warning_days INTEGER NOT NULL CHECK (expiry_warning_days >= 0),
        expiry_notification_interval_hours INTEGER NOT NULL CHECK (expiry_notification_interval_hours >= 1),
        secure_certificate_mode INTEGER NOT NULL CHECK (secure_certificate_mode IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO global_config VALUES (1, 5, '00:00', '23:59', 30, 24, 0, ${now});

      CREATE TABLE trust_anchors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        certificate_der BLOB NOT NULL,
        sha256_fingerprint TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        not_after TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE tls_profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        mutual_authentication INTEGER NOT NULL CHECK (mutual_authentication IN (0, 1)),
        client_certificate_record_id TEXT REFERENCES certificate_records (id) ON DELETE RESTRICT,
        minimum_tls_version TEXT NOT NULL CHECK (minimum_tls_version IN ('TLSv1.2', 'TLSv1.3')),
        verify_host_name INTEGER NOT NULL CHECK (verify_host_name IN (0, 1))
      ) STRICT;

      CREATE TABLE tls_profile_trusted_cas (
        tls_profile_id TEXT NOT NULL REFERENCES tls_profiles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        trust_anchor_id TEXT NOT NULL REFERENCES trust_anchors (id) ON DELETE RESTRICT,
        PRIMARY KEY (tls_profile_id, position),
        UNIQUE (tls_profile_id, trust_anchor_id)
      ) STRICT;

      CREATE TABLE cmp_servers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        tls_profile_id TEXT REFERENCES tls_profiles (id) ON DELETE RESTRICT,
        expected_sender TEXT,
        message_timeout_seconds INTEGER NOT NULL CHECK (message_timeout_seconds >= 1),
        total_timeout_seconds INTEGER NOT NULL,
        polling_retry_count INTEGER NOT NULL CHECK (polling_retry_count >= 0),
        CHECK (message_timeout_seconds <= total_timeout_seconds)
      ) STRICT;

      CREATE TABLE cmp_server_response_anchors (
        cmp_server_id TEXT NOT NULL REFERENCES cmp_servers (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        trust_anchor_id TEXT NOT NULL REFERENCES trust_anchors (id) ON DELETE RESTRICT,
        PRIMARY KEY (cmp_server_id, position),
        UNIQUE (cmp_server_id, trust_anchor_id)
      ) STRICT;

      CREATE TABLE server_groups (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      ) STRICT;

      -- Positions 1..10 with a unique (group, position) key: an 11th member cannot exist.
      CREATE TABLE server_group_members (
        server_group_id TEXT NOT NULL REFERENCES server_groups (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 10),
        cmp_server_id TEXT NOT NULL REFERENCES cmp_servers (id) ON DELETE RESTRICT,
        PRIMARY KEY (server_group_id, position),
        UNIQUE (server_group_id, cmp_server_id)
      ) STRICT;

      CREATE TABLE cmp_profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        server_group_id TEXT REFERENCES server_groups (id) ON DELETE RESTRICT,
        auth_method TEXT NOT NULL CHECK (auth_method IN ('shared-secret', 'signature')),
        auth_reference TEXT,
        auth_certificate_record_id TEXT REFERENCES certificate_records (id) ON DELETE RESTRICT,
        renew_before_expiry_days INTEGER NOT NULL CHECK (renew_before_expiry_days >= 0),
        default_key_algorithm TEXT NOT NULL,
        default_digest TEXT NOT NULL,
        default_key_usage TEXT NOT NULL,
        default_extended_key_usage TEXT NOT NULL,
        implicit_confirm INTEGER NOT NULL CHECK (implicit_confirm IN (0, 1)),
        CHECK ((auth_method = 'shared-secret' AND auth_reference IS NOT NULL AND auth_certificate_record_id IS NULL)
            OR (auth_method = 'signature' AND auth_certificate_record_id IS NOT NULL AND auth_reference IS NULL))
      ) STRICT;

      CREATE TABLE certificate_records (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        purpose TEXT NOT NULL,
        subject_country TEXT,
        subject_state TEXT,
        subject_locality TEXT,
        subject_organization TEXT,
        subject_organizational_unit TEXT,
        subject_common_name TEXT,
        subject_email_address TEXT,
        subject_alt_names TEXT NOT NULL,
        key_algorithm TEXT NOT NULL,
        key_usage TEXT NOT NULL,
        extended_key_usage TEXT NOT NULL,
        digest TEXT NOT NULL,
        managed_by TEXT NOT NULL CHECK (managed_by IN ('cmp', 'manual')),
        cmp_profile_id TEXT REFERENCES cmp_profiles (id) ON DELETE RESTRICT,
        deploy_hooks TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (managed_by = 'manual' OR cmp_profile_id IS NOT NULL)
      ) STRICT;

      -- Ciphertext only: AES-256-GCM under the data key in the OS keychain.
      CREATE TABLE private_keys (
        id TEXT PRIMARY KEY,
        key_algorithm TEXT NOT NULL,
        ciphertext BLOB NOT NULL,
        iv BLOB NOT NULL CHECK (length(iv) = 12),
        tag BLOB NOT NULL CHECK (length(tag) = 16),
        key_version INTEGER NOT NULL CHECK (key_version >= 1),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE certificates (
        id TEXT PRIMARY KEY,
        record_id TEXT NOT NULL REFERENCES certificate_records (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('current', 'past', 'deleted')),
        origin TEXT NOT NULL CHECK (origin IN ('ir', 'cr', 'kur', 'p10cr', 'import')),
        serial_number TEXT NOT NULL,
        subject TEXT NOT NULL,
        issuer TEXT NOT NULL,
        not_before TEXT NOT NULL,
        not_after TEXT NOT NULL,
        sha256_fingerprint TEXT NOT NULL,
        certificate_der BLOB NOT NULL,
        chain_der TEXT NOT NULL,
        private_key_id TEXT REFERENCES private_keys (id) ON DELETE SET NULL,
        obtained_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX certificates_one_current_per_record ON certificates (record_id) WHERE status = 'current';
      CREATE INDEX certificates_by_record ON certificates (record_id, obtained_at);
      CREATE INDEX certificates_by_expiry ON certificates (not_after) WHERE status = 'current';

      CREATE TABLE transactions (
        id TEXT PRIMARY KEY,
        record_id TEXT NOT NULL REFERENCES certificate_records (id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('ir', 'cr', 'kur', 'p10cr', 'rr', 'genm')),
        trigger TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'requested', 'waiting', 'confirming', 'held', 'completed', 'rejected', 'failed', 'superseded')),
        transaction_id TEXT NOT NULL UNIQUE,
        sender_nonce TEXT NOT NULL,
        recip_nonce TEXT,
        server_id TEXT REFERENCES cmp_servers (id) ON DELETE SET NULL,
        next_poll_at TEXT,
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        last_error TEXT,
        pending_private_key_id TEXT REFERENCES private_keys (id) ON DELETE SET NULL,
        request_der BLOB,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- reference/000: no second transaction for a record while one is in progress.
      CREATE UNIQUE INDEX transactions_one_open_per_record ON transactions (record_id)
        WHERE state NOT IN ('completed', 'rejected', 'failed', 'superseded');
      CREATE INDEX transactions_by_record ON transactions (record_id, started_at);

      -- No foreign keys: the audit log outlives the objects it tells about.
      CREATE TABLE events (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        object_kind TEXT NOT NULL,
        object_id TEXT,
        before_json TEXT,
        after_json TEXT,
        message TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_by_object ON events (object_kind, object_id, sequence);
      CREATE INDEX events_by_time ON events (at);

      -- record_id '' holds counters that concern no record (e.g. genm).
      CREATE TABLE statistics (
        record_id TEXT NOT NULL,
        message_type TEXT NOT NULL,
        outcome TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count >= 0),
        last_at TEXT NOT NULL,
        PRIMARY KEY (record_id, message_type, outcome)
      ) STRICT;
      CREATE TRIGGER statistics_follow_record_deletion AFTER DELETE ON certificate_records
      BEGIN
        DELETE FROM statistics WHERE record_id = OLD.id;
      END;
    `);
  },
};
