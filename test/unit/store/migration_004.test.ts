import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, ConfigRepository, migrations, openDatabase, type StoreDatabase } from '../../../src-main/store';
import { cmpServer } from './objects';
import { dataDirAtSchemaVersion, tempDataDir } from './temp_store';

describe('migration 004: CmpServer.acceptUnprotectedErrors', () => {
  let dataDir: string;
  let db: StoreDatabase | undefined;
  afterEach(() => {
    db?.close();
    db = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A data folder as cmp-desk left it at schema version 3, with one CMP server. */
  function version3WithServer(id: string): void {
    dataDir = dataDirAtSchemaVersion(3, (raw) => {
      raw.prepare(`INSERT INTO cmp_servers (id, name, url, tls_profile_id, expected_sender, message_timeout_seconds, total_timeout_seconds, polling_retry_count)
        VALUES (?, 'ca-before-004', 'http://ca.example.net/.well-known/cmp', NULL, NULL, 30, 300, 3)`).run(id);
    });
  }

  it('keeps refusing unprotected errors for servers saved before the setting existed', () => {
    const server = cmpServer(null);
    version3WithServer(server.id);
    db = openDatabase(dataDir);
    expect(db.schemaVersion).toBe(migrations.length);
    const config = new ConfigRepository(db.connection, new AuditLog(db.connection));
    expect(config.cmpServers.get(server.id)).toMatchObject({ name: 'ca-before-004', acceptUnprotectedErrors: false });
    expect(db.integrityCheck()).toEqual([]);
  });

  it('stores the switch both ways, and the column takes nothing but 0 and 1', () => {
    dataDir = tempDataDir();
    db = openDatabase(dataDir);
    const config = new ConfigRepository(db.connection, new AuditLog(db.connection));
    const on = config.cmpServers.save(cmpServer(null, { url: 'http://ca.example.net/.well-known/cmp', acceptUnprotectedErrors: true }));
    expect(config.cmpServers.get(on.id)?.acceptUnprotectedErrors).toBe(true);
    config.cmpServers.save({ ...on, acceptUnprotectedErrors: false });
    expect(config.cmpServers.get(on.id)?.acceptUnprotectedErrors).toBe(false);
    expect(() => db!.connection.prepare('UPDATE cmp_servers SET accept_unprotected_errors = 2 WHERE id = ?').run(on.id)).toThrow(/CHECK constraint failed/);
  });
});
