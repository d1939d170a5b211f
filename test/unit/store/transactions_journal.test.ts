import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, CertificateRecordsRepository, openDatabase, Statistics, StoreConstraintError, TransactionClosedError, TransactionsJournal } from '../../../src-main/store';
import { certificateRecord, transaction } from './objects';
import { tempDataDir, useTempDatabase } from './temp_store';

describe('transaction journal', () => {
  const t = useTempDatabase();
  let journal: TransactionsJournal;
  let recordId: string;
  beforeEach(() => {
    journal = new TransactionsJournal(t.db.connection, () => new Date('2026-05-05T05:05:05Z'));
    recordId = new CertificateRecordsRepository(t.db.connection, new AuditLog(t.db.connection)).save(certificateRecord()).id;
  });

  it('journals a transaction and every step of it', () => {
    const tx = journal.begin(transaction(recordId));
    expect(journal.get(tx.id)).toEqual(tx);
    const waiting = journal.update(tx.id, { state: 'waiting', recipNonce: 'aabb', nextPollAt: '2026-05-05T05:10:00.000Z', attempts: 2 });
    expect(waiting).toMatchObject({ state: 'waiting', recipNonce: 'aabb', attempts: 2, updatedAt: '2026-05-05T05:05:05.000Z', transactionId: tx.transactionId });
    expect(journal.get(tx.id)).toEqual(waiting);
    expect(journal.open()).toEqual([waiting]);
    expect(journal.openForRecord(recordId)).toEqual(waiting);
  });

  it('refuses a second open transaction for the same record', () => {
    journal.begin(transaction(recordId));
    expect(() => journal.begin(transaction(recordId, { type: 'kur', trigger: 'key-spec-changed' }))).toThrow(StoreConstraintError);
  });

  it('lets a new KUR supplant an open IR in one step', () => {
    const ir = journal.begin(transaction(recordId));
    const kur = journal.supersede(ir.id, transaction(recordId, { type: 'kur', trigger: 'key-spec-changed' }));
    expect(journal.get(ir.id)?.state).toBe('superseded');
    expect(journal.openForRecord(recordId)?.id).toBe(kur.id);
  });

  it('refuses to change a transaction that has ended', () => {
    const tx = journal.begin(transaction(recordId));
    journal.update(tx.id, { state: 'failed', lastError: 'server unreachable' });
    expect(() => journal.update(tx.id, { state: 'waiting' })).toThrow(TransactionClosedError);
    expect(journal.open()).toEqual([]);
  });

  it('validates steps by field name', () => {
    const tx = journal.begin(transaction(recordId));
    expect(() => journal.update(tx.id, { attempts: -1 })).toThrow('attempts: must not be negative');
    expect(() => journal.update(tx.id, { recipNonce: 'XYZ' })).toThrow('recipNonce: must be the last senderNonce the server sent as lowercase hex');
  });

  it('keeps the newest ended transactions per record for the history', () => {
    for (let i = 0; i < 5; i++) {
      const tx = journal.begin(transaction(recordId, { startedAt: `2026-01-0${i + 1}T00:00:00.000Z` }));
      journal.update(tx.id, { state: 'completed' });
    }
    expect(journal.prune(3)).toBe(2);
    expect(journal.history(recordId).map((tx) => tx.startedAt)).toEqual(['2026-01-05T00:00:00.000Z', '2026-01-04T00:00:00.000Z', '2026-01-03T00:00:00.000Z']);
  });
});

describe('journal after the process is killed mid-write', () => {
  it('reopens intact with every reported commit and no half-written transaction', async () => {
    const dataDir = tempDataDir();
    const recordId = randomUUID();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'journal_writer.ts'), dataDir, recordId], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      let lastReported = 0;
      for await (const line of createInterface({ input: child.stdout })) {
        if (/^\d+$/.test(line)) lastReported = Number(line);
        if (lastReported >= 40) {
          child.kill('SIGKILL');
          break;
        }
      }
      expect(await exited, stderr).toBe('SIGKILL');

      const db = openDatabase(dataDir);
      try {
        expect(db.integrityCheck()).toEqual([]);
        const journal = new TransactionsJournal(db.connection);
        const audit = new AuditLog(db.connection);
        const history = journal.history(recordId, 10_000);
        const completed = history.filter((tx) => tx.state === 'completed');
        expect(completed.length).toBeGreaterThanOrEqual(lastReported);
        const open = journal.open();
        expect(open.length).toBeLessThanOrEqual(1);
        expect(history.length).toBe(completed.length + open.length);
        for (const tx of open) expect(['requested', 'waiting']).toContain(tx.state);
        // The end of each transaction, its event and its counter were one commit: all or none.
        expect(audit.list({ objectKind: 'transaction', limit: 10_000 })).toHaveLength(completed.length);
        expect(new Statistics(db.connection).list(recordId)[0]?.count).toBe(completed.length);
        // The restart resumes: the survivor can be ended and a new transaction begun.
        for (const tx of open) journal.update(tx.id, { state: 'failed', lastError: 'interrupted by a crash' });
        journal.begin(transaction(recordId));
        expect(db.integrityCheck()).toEqual([]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
