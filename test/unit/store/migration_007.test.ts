import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainValidationError } from '../../../src-shared/domain';
import { AuditLog, ConfigRepository, migrations, openDatabase, type StoreDatabase } from '../../../src-main/store';
import { cmpServer } from './objects';
import { dataDirAtSchemaVersion, tempDataDir } from './temp_store';

describe('migration 007: CmpServer.sourceAddress', () => {
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

  const config = () => new ConfigRepository(db!.connection, new AuditLog(db!.connection));

  it('gives servers saved before it no source address and keeps their other settings', () => {
    const server = cmpServer(null);
    dataDir = dataDirAtSchemaVersion(6, (raw) => {
      raw.prepare(`INSERT INTO cmp_servers (id, name, url, tls_profile_id, expected_sender, message_timeout_seconds, total_timeout_seconds, polling_retry_count, accept_unprotected_errors)
        VALUES (?, 'ca-before-007', 'http://ca.example.net/.well-known/cmp', NULL, NULL, 30, 300, 3, 1)`).run(server.id);
    });
    db = openDatabase(dataDir);
    expect(db.schemaVersion).toBe(migrations.length);
    expect(migrations[6].version).toBe(7);
    expect(config().cmpServers.get(server.id)).toMatchObject({ name: 'ca-before-007', acceptUnprotectedErrors: true, sourceAddress: null });
  });

  it('stores, changes and clears an IPv4 or IPv6 source address, audited with before and after', () => {
    dataDir = tempDataDir();
    db = openDatabase(dataDir);
    const servers = config().cmpServers;
    const saved = servers.save(cmpServer(null, { url: 'http://ca.example.net/.well-known/cmp', sourceAddress: '192.0.2.10' }));
    expect(servers.get(saved.id)?.sourceAddress).toBe('192.0.2.10');
    servers.save({ ...saved, sourceAddress: '2001:db8::10' });
    expect(servers.get(saved.id)?.sourceAddress).toBe('2001:db8::10');
    servers.save({ ...saved, sourceAddress: null });
    expect(servers.get(saved.id)?.sourceAddress).toBeNull();
    const changes = new AuditLog(db.connection).list({ objectKind: 'cmp-server', objectId: saved.id });
    const pairs = changes.map((e) => [(e.before as { sourceAddress?: unknown } | null)?.sourceAddress, (e.after as { sourceAddress?: unknown } | null)?.sourceAddress]);
    expect(pairs).toEqual([
      [undefined, '192.0.2.10'],
      ['192.0.2.10', '2001:db8::10'],
      ['2001:db8::10', null],
    ]);
  });

  it('refuses a host name as source address, naming the field, and stores nothing', () => {
    dataDir = tempDataDir();
    db = openDatabase(dataDir);
    const servers = config().cmpServers;
    const save = () => servers.save(cmpServer(null, { sourceAddress: 'eth0.example.net' }));
    expect(save).toThrow(DomainValidationError);
    expect(save).toThrow(/^Invalid CMP server: sourceAddress: must be an IPv4 or IPv6 address/);
    expect(servers.list()).toEqual([]);
  });
});
