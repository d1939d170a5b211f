import { finalTransactionStates } from '../../src-shared/domain';
import type { Connection } from './database';

/** How a certificate obtained by a transaction is put into use: at the next KUR window, or at once. */
export type ApplyMode = 'window' | 'now';

/** What an open transaction asks for and what it has received so far (the lifecycle's half of the journal). */
export interface LifecycleRequest {
  transactionRowId: string;
  /** The request parameters as canonical JSON (see lifecycle/request_parameters.ts). */
  parametersJson: string;
  fingerprint: string;
  applyMode: ApplyMode;
  /** The CMP engine's resumable snapshot (JSON), null before the first send. */
  snapshotJson: string | null;
  /** A certificate received and accepted but not yet put into use. */
  receivedCertificateDer: Buffer | null;
  /** Its issuer chain, base64 DER list as JSON. */
  receivedChainJson: string | null;
}

/** Retry and warning state of one record. */
export interface LifecycleRecordState {
  recordId: string;
  retryAt: string | null;
  failures: number;
  lastError: string | null;
  lastWarningAt: string | null;
}

/**
 * One row per certificate record with everything the processing tick decides from, read in one
 * query without decoding certificates: the tick over 10,000 records stays in milliseconds.
 */
export interface LifecycleTickRow {
  recordId: string;
  name: string;
  managedBy: 'cmp' | 'manual';
  cmpProfileId: string | null;
  subjectCountry: string | null;
  subjectState: string | null;
  subjectLocality: string | null;
  subjectOrganization: string | null;
  subjectOrganizationalUnit: string | null;
  subjectCommonName: string | null;
  subjectEmailAddress: string | null;
  subjectAltNamesJson: string;
  keyAlgorithm: string;
  keyUsageJson: string;
  extendedKeyUsageJson: string;
  digest: string;
  renewBeforeExpiryDays: number | null;
  certificateId: string | null;
  notBefore: string | null;
  notAfter: string | null;
  certificateParametersJson: string | null;
  transactionRowId: string | null;
  transactionType: string | null;
  transactionState: string | null;
  nextPollAt: string | null;
  applyMode: ApplyMode | null;
  requestFingerprint: string | null;
  retryAt: string | null;
  failures: number | null;
  lastError: string | null;
  lastWarningAt: string | null;
}

/** What changed among the tick rows since a change sequence (see LifecycleRepository.tickRowsSince). */
export interface TickRowChanges {
  /** The change sequence these rows are current to; pass it to the next call. */
  sequence: number;
  /** Changed or new records' rows, ordered by name. */
  rows: LifecycleTickRow[];
  /** Records deleted since then. */
  removedRecordIds: string[];
}

/** One row of the records table (the dashboard): the record, its current certificate's dates and serial, its last error. */
export interface RecordTableRow {
  recordId: string;
  name: string;
  purpose: string;
  subjectCommonName: string | null;
  managedBy: 'cmp' | 'manual';
  cmpProfileId: string | null;
  serialNumber: string | null;
  notBefore: string | null;
  notAfter: string | null;
  lastError: string | null;
}

const recordTableSql = `SELECT r.id AS recordId, r.name, r.purpose, r.subject_common_name AS subjectCommonName, r.managed_by AS managedBy,
    r.cmp_profile_id AS cmpProfileId, c.serial_number AS serialNumber, c.not_before AS notBefore, c.not_after AS notAfter, s.last_error AS lastError
  FROM certificate_records r
  LEFT JOIN certificates c ON c.record_id = r.id AND c.status = 'current'
  LEFT JOIN lifecycle_record_state s ON s.record_id = r.id`;

const finalStatesSql = finalTransactionStates.map((s) => `'${s}'`).join(', ');

/** The tick's one query, without ORDER BY or WHERE (one record's row uses the same). */
const tickRowsSql = `SELECT r.id AS recordId, r.name, r.managed_by AS managedBy, r.cmp_profile_id AS cmpProfileId,
           r.subject_country AS subjectCountry, r.subject_state AS subjectState, r.subject_locality AS subjectLocality,
           r.subject_organization AS subjectOrganization, r.subject_organizational_unit AS subjectOrganizationalUnit,
           r.subject_common_name AS subjectCommonName, r.subject_email_address AS subjectEmailAddress,
           r.subject_alt_names AS subjectAltNamesJson, r.key_algorithm AS keyAlgorithm, r.key_usage AS keyUsageJson,
           r.extended_key_usage AS extendedKeyUsageJson, r.digest,
           p.renew_before_expiry_days AS renewBeforeExpiryDays,
           c.id AS certificateId, c.not_before AS notBefore, c.not_after AS notAfter, crp.parameters_json AS certificateParametersJson,
           t.id AS transactionRowId, t.type AS transactionType, t.state AS transactionState, t.next_poll_at AS nextPollAt,
           lr.apply_mode AS applyMode, lr.fingerprint AS requestFingerprint,
           s.retry_at AS retryAt, s.failures, s.last_error AS lastError, s.last_warning_at AS lastWarningAt
         FROM certificate_records r
         LEFT JOIN cmp_profiles p ON p.id = r.cmp_profile_id
         LEFT JOIN certificates c ON c.record_id = r.id AND c.status = 'current'
         LEFT JOIN certificate_request_parameters crp ON crp.certificate_id = c.id
         LEFT JOIN transactions t ON t.record_id = r.id AND t.state NOT IN (${finalStatesSql})
         LEFT JOIN lifecycle_requests lr ON lr.transaction_row_id = t.id
         LEFT JOIN lifecycle_record_state s ON s.record_id = r.id`;

/** The lifecycle engine's own persistent state (migration 002). */
export class LifecycleRepository {
  constructor(private readonly connection: Connection) {}

  tickRows(): LifecycleTickRow[] {
    return this.connection.prepare(`${tickRowsSql} ORDER BY r.name`).all() as LifecycleTickRow[];
  }

  /** The tick rows of some records (the timeline's lanes), ordered by name, through the primary key instead of the whole table. */
  tickRowsFor(recordIds: readonly string[]): LifecycleTickRow[] {
    return this.connection.prepare(`${tickRowsSql} WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.name`).all(JSON.stringify(recordIds)) as LifecycleTickRow[];
  }

  /** One record's tick row (the detail view's header), through the primary key instead of the whole table. */
  tickRow(recordId: string): LifecycleTickRow | null {
    return (this.connection.prepare(`${tickRowsSql} WHERE r.id = ?`).get(recordId) as LifecycleTickRow | undefined) ?? null;
  }

  /**
   * What the records table shows of every record, and nothing else: no JSON columns, no request
   * parameters, no transaction joins (the lifecycle's state comes from its own tick rows). A third
   * of the tick query's cost at 10,000 records.
   */
  recordTableRows(): RecordTableRow[] {
    return this.connection.prepare(`${recordTableSql} ORDER BY r.name`).all() as RecordTableRow[];
  }

  recordTableRow(recordId: string): RecordTableRow | null {
    return (this.connection.prepare(`${recordTableSql} WHERE r.id = ?`).get(recordId) as RecordTableRow | undefined) ?? null;
  }

  /**
   * The tick rows changed since `sinceSequence` (every row when null), ordered by name, with the
   * records deleted since then and the change sequence they are current to (migration 003's
   * triggers). Read in one snapshot, so no change falls between the sequence and the rows.
   */
  tickRowsSince(sinceSequence: number | null): TickRowChanges {
    return this.connection.transaction((): TickRowChanges => {
      const sequence = (this.connection.prepare('SELECT sequence FROM lifecycle_change_counter').get() as { sequence: number }).sequence;
      if (sinceSequence === null) return { sequence, rows: this.tickRows(), removedRecordIds: [] };
      if (sinceSequence >= sequence) return { sequence, rows: [], removedRecordIds: [] };
      const rows = this.connection
        .prepare(`${tickRowsSql} WHERE r.id IN (SELECT record_id FROM lifecycle_changes WHERE sequence > ?) ORDER BY r.name`)
        .all(sinceSequence) as LifecycleTickRow[];
      const removed = this.connection
        .prepare('SELECT ch.record_id AS recordId FROM lifecycle_changes ch WHERE ch.sequence > ? AND NOT EXISTS (SELECT 1 FROM certificate_records r WHERE r.id = ch.record_id)')
        .all(sinceSequence) as { recordId: string }[];
      return { sequence, rows, removedRecordIds: removed.map((r) => r.recordId) };
    })();
  }

  /** Remembers what a certificate was requested with (absent for imported certificates). */
  setCertificateParameters(certificateId: string, parametersJson: string, fingerprint: string): void {
    this.connection
      .prepare('INSERT INTO certificate_request_parameters (certificate_id, parameters_json, fingerprint) VALUES (?, ?, ?) ON CONFLICT (certificate_id) DO UPDATE SET parameters_json = excluded.parameters_json, fingerprint = excluded.fingerprint')
      .run(certificateId, parametersJson, fingerprint);
  }

  certificateParameters(certificateId: string): { parametersJson: string; fingerprint: string } | null {
    return (
      (this.connection.prepare('SELECT parameters_json AS parametersJson, fingerprint FROM certificate_request_parameters WHERE certificate_id = ?').get(certificateId) as
        | { parametersJson: string; fingerprint: string }
        | undefined) ?? null
    );
  }

  insertRequest(request: Pick<LifecycleRequest, 'transactionRowId' | 'parametersJson' | 'fingerprint' | 'applyMode' | 'snapshotJson'>): void {
    this.connection
      .prepare('INSERT INTO lifecycle_requests (transaction_row_id, parameters_json, fingerprint, apply_mode, snapshot_json) VALUES (?, ?, ?, ?, ?)')
      .run(request.transactionRowId, request.parametersJson, request.fingerprint, request.applyMode, request.snapshotJson);
  }

  request(transactionRowId: string): LifecycleRequest | null {
    return (
      (this.connection
        .prepare(
          `SELECT transaction_row_id AS transactionRowId, parameters_json AS parametersJson, fingerprint, apply_mode AS applyMode, snapshot_json AS snapshotJson,
             received_certificate_der AS receivedCertificateDer, received_chain_json AS receivedChainJson
           FROM lifecycle_requests WHERE transaction_row_id = ?`,
        )
        .get(transactionRowId) as LifecycleRequest | undefined) ?? null
    );
  }

  saveSnapshot(transactionRowId: string, snapshotJson: string): void {
    this.connection.prepare('UPDATE lifecycle_requests SET snapshot_json = ? WHERE transaction_row_id = ?').run(snapshotJson, transactionRowId);
  }

  saveReceived(transactionRowId: string, certificateDer: Uint8Array, chainJson: string): void {
    this.connection
      .prepare('UPDATE lifecycle_requests SET received_certificate_der = ?, received_chain_json = ? WHERE transaction_row_id = ?')
      .run(Buffer.from(certificateDer), chainJson, transactionRowId);
  }

  setApplyMode(transactionRowId: string, applyMode: ApplyMode): void {
    this.connection.prepare('UPDATE lifecycle_requests SET apply_mode = ? WHERE transaction_row_id = ?').run(applyMode, transactionRowId);
  }

  recordState(recordId: string): LifecycleRecordState | null {
    return (
      (this.connection
        .prepare('SELECT record_id AS recordId, retry_at AS retryAt, failures, last_error AS lastError, last_warning_at AS lastWarningAt FROM lifecycle_record_state WHERE record_id = ?')
        .get(recordId) as LifecycleRecordState | undefined) ?? null
    );
  }

  /** Replaces the record's retry fields; the warning time is kept. */
  setRetry(recordId: string, retry: { retryAt: string | null; failures: number; lastError: string | null }): void {
    this.connection
      .prepare(
        `INSERT INTO lifecycle_record_state (record_id, retry_at, failures, last_error, last_warning_at) VALUES (?, ?, ?, ?, NULL)
         ON CONFLICT (record_id) DO UPDATE SET retry_at = excluded.retry_at, failures = excluded.failures, last_error = excluded.last_error`,
      )
      .run(recordId, retry.retryAt, retry.failures, retry.lastError);
  }

  setLastWarningAt(recordId: string, at: string | null): void {
    this.connection
      .prepare(
        `INSERT INTO lifecycle_record_state (record_id, retry_at, failures, last_error, last_warning_at) VALUES (?, NULL, 0, NULL, ?)
         ON CONFLICT (record_id) DO UPDATE SET last_warning_at = excluded.last_warning_at`,
      )
      .run(recordId, at);
  }
}
