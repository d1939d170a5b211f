import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainValidationError } from '../../../src-shared/domain';
import { AuditLog, CertificateRecordsRepository, migrations, openDatabase, type StoreDatabase } from '../../../src-main/store';
import { certificateRecord } from './objects';
import { dataDirAtSchemaVersion, tempDataDir } from './temp_store';

describe('migration 006: CertificateRecord.deployFolder', () => {
  let dataDir: string;
  let db: StoreDatabase | undefined;
  afterEach(() => {
    try {
      if (db) expect(db.integrityCheck()).toEqual([]);
    } finally {
      db?.close();
      db = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const records = () => new CertificateRecordsRepository(db!.connection, new AuditLog(db!.connection));

  it('gives records saved before it no deploy folder and keeps their hooks', () => {
    const record = certificateRecord();
    dataDir = dataDirAtSchemaVersion(5, (raw) => {
      raw.prepare(`INSERT INTO certificate_records (id, name, purpose, subject_common_name, subject_alt_names, key_algorithm, key_usage, extended_key_usage, digest, managed_by, cmp_profile_id, deploy_hooks, created_at, updated_at)
        VALUES (?, 'before-006', 'management', 'sbc1.example.net', '[]', 'ecdsa-p256', '[]', '[]', 'sha256', 'manual', NULL, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`)
        .run(record.id, JSON.stringify(record.deployHooks));
    });
    db = openDatabase(dataDir);
    expect(db.schemaVersion).toBe(migrations.length);
    const stored = records().get(record.id)!;
    expect(stored.deployHooks).toEqual(record.deployHooks);
    expect(stored).not.toHaveProperty('deployFolder');
  });

  it('stores, changes and clears the folder, audited with before and after', () => {
    dataDir = tempDataDir();
    db = openDatabase(dataDir);
    const repository = records();
    const saved = repository.save(certificateRecord({ deployHooks: [], deployFolder: '/srv/tls/sbc1' }));
    expect(repository.get(saved.id)?.deployFolder).toBe('/srv/tls/sbc1');
    repository.save({ ...saved, deployFolder: '/etc/ssl/sbc1' });
    expect(repository.get(saved.id)?.deployFolder).toBe('/etc/ssl/sbc1');
    const { deployFolder: _dropped, ...cleared } = saved;
    repository.save(cleared);
    expect(repository.get(saved.id)).not.toHaveProperty('deployFolder');
    const changes = new AuditLog(db.connection).list({ objectKind: 'certificate-record', objectId: saved.id });
    expect(changes.some((e) => (e.before as { deployFolder?: string } | null)?.deployFolder === '/srv/tls/sbc1' && (e.after as { deployFolder?: string } | null)?.deployFolder === '/etc/ssl/sbc1')).toBe(true);
  });

  it('refuses a relative folder or one with ".." segments, naming the field', () => {
    dataDir = tempDataDir();
    db = openDatabase(dataDir);
    const repository = records();
    for (const [folder, message] of [
      ['certs/sbc1', 'deployFolder: must be an absolute path to a folder'],
      ['/srv/../etc', 'deployFolder: must not contain ".." segments'],
    ]) {
      const save = () => repository.save(certificateRecord({ deployFolder: folder }));
      expect(save).toThrow(DomainValidationError);
      expect(save).toThrow(`Invalid certificate record: ${message}`);
    }
    expect(repository.count()).toBe(0);
  });
});
