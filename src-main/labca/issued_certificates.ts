import { closeSync, existsSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { LabCaStoreError } from './errors';

/**
 * Where a certificate the lab CA produced stands. `awaiting-confirmation`: sent in ip/cp/kup, no
 * certConf yet (RFC 9810 5.3.18) — not counted as issued, not usable to sign requests.
 */
export type IssuedCertificateState = 'awaiting-confirmation' | 'issued' | 'revoked';

/** RFC 5280 5.3.1 CRLReason values the lab CA records. */
export type RevocationReason = number;

export interface IssuedCertificate {
  serialHex: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  /** The certificate, DER, base64. */
  certificate: string;
  transactionIdHex: string;
  state: IssuedCertificateState;
  /** Whether the certificate was ever confirmed (a revoked one may or may not have been). */
  confirmed: boolean;
  revokedAt?: string;
  revocationReason?: RevocationReason;
}

type JournalRecord =
  | { kind: 'created'; at: string; entry: Omit<IssuedCertificate, 'state' | 'confirmed'> }
  | { kind: 'confirmed'; at: string; serialHex: string }
  | { kind: 'revoked'; at: string; serialHex: string; reason: RevocationReason };

/**
 * The lab CA's certificate database: an append-only JSON-lines journal (`issued.jsonl`), fsync'd
 * after each record, replayed into memory on open. A crash can only cut the last line short; that
 * line is dropped (and cut from the file) on the next open, so the journal never grows garbage.
 */
export class IssuedCertificateDatabase {
  private readonly entries = new Map<string, IssuedCertificate>();
  private fd: number;

  private constructor(private readonly file: string) {
    this.fd = -1;
  }

  static open(file: string): IssuedCertificateDatabase {
    const db = new IssuedCertificateDatabase(file);
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const goodLength = db.replay(text);
    db.fd = openSync(file, 'a', 0o600);
    if (goodLength < Buffer.byteLength(text)) ftruncateSync(db.fd, goodLength);
    return db;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  get(serialHex: string): IssuedCertificate | undefined {
    const entry = this.entries.get(serialHex);
    return entry && { ...entry };
  }

  all(): IssuedCertificate[] {
    return [...this.entries.values()].map((e) => ({ ...e }));
  }

  revoked(): IssuedCertificate[] {
    return this.all().filter((e) => e.state === 'revoked');
  }

  /** Records a certificate just sent to a client; it counts as issued only after `confirm`. */
  recordCreated(entry: Omit<IssuedCertificate, 'state' | 'confirmed'>): void {
    this.append({ kind: 'created', at: new Date().toISOString(), entry });
  }

  confirm(serialHex: string): void {
    this.append({ kind: 'confirmed', at: new Date().toISOString(), serialHex });
  }

  revoke(serialHex: string, reason: RevocationReason, at = new Date()): void {
    this.append({ kind: 'revoked', at: at.toISOString(), serialHex, reason });
  }

  private append(record: JournalRecord): void {
    this.apply(record, this.file);
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fdatasyncSync(this.fd);
  }

  /** Applies every complete line; returns the byte length of the part that was good. */
  private replay(text: string): number {
    let offset = 0;
    let lineNumber = 0;
    while (offset < text.length) {
      const end = text.indexOf('\n', offset);
      if (end === -1) break; // torn last write: no newline yet
      lineNumber++;
      const line = text.slice(offset, end);
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch {
        throw new LabCaStoreError(`${this.file}:${lineNumber}`, 'a JSON journal record', JSON.stringify(line.slice(0, 60)));
      }
      this.apply(record, `${this.file}:${lineNumber}`);
      offset = end + 1;
    }
    return Buffer.byteLength(text.slice(0, offset));
  }

  private apply(record: JournalRecord, where: string): void {
    if (record.kind === 'created') {
      if (this.entries.has(record.entry.serialHex)) {
        throw new LabCaStoreError(where, 'a new serial number', `repeated serial ${record.entry.serialHex}`);
      }
      this.entries.set(record.entry.serialHex, { ...record.entry, state: 'awaiting-confirmation', confirmed: false });
      return;
    }
    const entry = this.entries.get(record.serialHex);
    if (!entry) throw new LabCaStoreError(where, 'a serial this CA issued', record.serialHex);
    if (record.kind === 'confirmed') {
      if (entry.state === 'awaiting-confirmation') entry.state = 'issued';
      entry.confirmed = true;
    } else if (record.kind === 'revoked') {
      entry.state = 'revoked';
      entry.revokedAt = record.at;
      entry.revocationReason = record.reason;
    } else {
      throw new LabCaStoreError(where, 'a created, confirmed or revoked record', JSON.stringify((record as { kind?: unknown }).kind));
    }
  }
}
