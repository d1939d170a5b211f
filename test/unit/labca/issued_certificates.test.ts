import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabCaStoreError } from '../../../src-main/labca/errors';
import { IssuedCertificateDatabase } from '../../../src-main/labca/issued_certificates';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labca-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function entry(serialHex: string) {
  return {
    serialHex,
    subject: 'CN=test',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2026-04-01T00:00:00.000Z',
    certificate: 'AA==',
    transactionIdHex: '00',
  };
}

describe('IssuedCertificateDatabase', () => {
  it('counts a certificate as issued only after confirmation and keeps it across reopening', () => {
    const file = join(dir, 'issued.jsonl');
    const db = IssuedCertificateDatabase.open(file);
    db.recordCreated(entry('a1'));
    expect(db.get('a1')?.state).toBe('awaiting-confirmation');
    db.confirm('a1');
    db.recordCreated(entry('b2'));
    db.revoke('b2', 5);
    db.close();

    const reopened = IssuedCertificateDatabase.open(file);
    expect(reopened.get('a1')).toMatchObject({ state: 'issued', confirmed: true });
    expect(reopened.get('b2')).toMatchObject({ state: 'revoked', confirmed: false, revocationReason: 5 });
    expect(reopened.revoked().map((e) => e.serialHex)).toEqual(['b2']);
    reopened.close();
  });

  it('drops a torn last record and cuts it from the file', () => {
    const file = join(dir, 'issued.jsonl');
    const db = IssuedCertificateDatabase.open(file);
    db.recordCreated(entry('a1'));
    db.close();
    appendFileSync(file, '{"kind":"confirmed","at":"2026');

    const reopened = IssuedCertificateDatabase.open(file);
    expect(reopened.get('a1')?.state).toBe('awaiting-confirmation');
    reopened.confirm('a1');
    reopened.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(IssuedCertificateDatabase.open(file).get('a1')?.state).toBe('issued');
  });

  it('refuses a repeated serial number', () => {
    const db = IssuedCertificateDatabase.open(join(dir, 'issued.jsonl'));
    db.recordCreated(entry('a1'));
    expect(() => db.recordCreated(entry('a1'))).toThrow(LabCaStoreError);
    db.close();
  });

  it('reports a corrupt record in the middle with its line number', () => {
    const file = join(dir, 'issued.jsonl');
    appendFileSync(file, 'garbage\n');
    expect(() => IssuedCertificateDatabase.open(file)).toThrow(/issued\.jsonl:1/);
  });
  it('group-commits confirmations: every waiter resolves once its record is on disk', async () => {
    const file = join(dir, 'issued.jsonl');
    const db = IssuedCertificateDatabase.open(file);
    const serials = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const durable = serials.map((serial) => {
      db.recordCreated(entry(serial));
      db.confirm(serial);
      return db.whenDurable();
    });
    await Promise.all(durable);
    const confirmedOnDisk = readFileSync(file, 'utf8').trim().split('\n').filter((line) => line.includes('"confirmed"'));
    expect(confirmedOnDisk).toHaveLength(serials.length);
    db.close();
  });

  it('does not wait for the disk when only created records are pending', async () => {
    const db = IssuedCertificateDatabase.open(join(dir, 'issued.jsonl'));
    db.recordCreated(entry('a1'));
    let resolved = false;
    const durable = db.whenDurable().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(true);
    await durable;
    db.close();
  });

  it('closes cleanly while a sync is in flight and keeps every record', async () => {
    const file = join(dir, 'issued.jsonl');
    const db = IssuedCertificateDatabase.open(file);
    db.recordCreated(entry('a1'));
    db.confirm('a1');
    const durable = db.whenDurable();
    db.close();
    await durable;
    expect(() => db.confirm('a1')).toThrow(LabCaStoreError);
    expect(IssuedCertificateDatabase.open(file).get('a1')?.state).toBe('issued');
  });
});
