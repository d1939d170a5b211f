import { closeSync, existsSync, fdatasync, fdatasyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
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
 * The lab CA's certificate database: an append-only JSON-lines journal (`issued.jsonl`), replayed
 * into memory on open. A crash can only cut the unsynced end short; a torn last line is dropped
 * (and cut from the file) on the next open, so the journal never grows garbage.
 *
 * Durability is a group commit: records are written at once (ordered, in the page cache) and one
 * fdatasync on the thread pool covers every record written before it started. A confirmation or a
 * revocation must be on disk before the answer that reports it (pkiConf, rp, ip with implicit
 * confirm) goes out: the CMP service awaits `whenDurable()` before replying. A `created` record
 * need not wait; it rides along with the next sync (an ip whose record is lost in a crash leads to a
 * certConf for an unknown transaction, so the certificate never counts as issued).
 */
export class IssuedCertificateDatabase {
  private readonly entries = new Map<string, IssuedCertificate>();
  private fd: number;
  /** Records written so far, the last one that must be durable, and how many are on disk. */
  private written = 0;
  private mustBeDurable = 0;
  private synced = 0;
  private syncing = false;
  private closeAfterSync = false;
  private waiters: { upTo: number; resolve: () => void; reject: (error: Error) => void }[] = [];

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

  /** Syncs what is still unsynced, then closes the journal. */
  close(): void {
    if (this.fd < 0) return;
    if (this.synced < this.written) fdatasyncSync(this.fd);
    this.synced = this.written;
    this.settleWaiters();
    if (this.syncing) this.closeAfterSync = true;
    else closeSync(this.fd);
    this.fd = -1;
  }

  /** Resolves once every confirmation and revocation recorded so far is on disk. */
  whenDurable(): Promise<void> {
    const upTo = this.mustBeDurable;
    if (this.synced >= upTo) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      this.startSync();
    });
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
    this.append({ kind: 'created', at: new Date().toISOString(), entry }, false);
  }

  /** Counts the certificate as issued; durable once `whenDurable()` resolves. */
  confirm(serialHex: string): void {
    this.append({ kind: 'confirmed', at: new Date().toISOString(), serialHex }, true);
  }

  /** Marks the certificate revoked; durable once `whenDurable()` resolves. */
  revoke(serialHex: string, reason: RevocationReason, at = new Date()): void {
    this.append({ kind: 'revoked', at: at.toISOString(), serialHex, reason }, true);
  }

  private append(record: JournalRecord, mustBeDurable: boolean): void {
    if (this.fd < 0) throw new LabCaStoreError(this.file, 'an open journal', 'the journal was closed');
    this.apply(record, this.file);
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    this.written++;
    if (mustBeDurable) this.mustBeDurable = this.written;
  }

  /** One fdatasync at a time; whoever arrives meanwhile is served by the next one. */
  private startSync(): void {
    if (this.syncing || this.fd < 0) return;
    this.syncing = true;
    const fd = this.fd;
    const upTo = this.written;
    fdatasync(fd, (error) => {
      this.syncing = false;
      if (this.closeAfterSync) {
        closeSync(fd);
        return;
      }
      if (error) {
        const failure = new LabCaStoreError(this.file, 'the journal synced to disk', error.message);
        for (const waiter of this.waiters.splice(0)) waiter.reject(failure);
        return;
      }
      this.synced = Math.max(this.synced, upTo);
      this.settleWaiters();
      if (this.waiters.length) this.startSync();
    });
  }

  private settleWaiters(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (waiter.upTo <= this.synced) waiter.resolve();
      else this.waiters.push(waiter);
    }
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
