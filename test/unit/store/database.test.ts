import Database from 'better-sqlite3';
import { statSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, DatabaseOpenError, DatabaseTooNewError, keychainNamespace, migrations, openDatabase, type Migration } from '../../../src-main/store';
import { tempDataDir, useTempDatabase } from './temp_store';

const domainTables = [
  'certificate_records', 'certificate_request_parameters', 'certificates', 'cmp_profiles', 'cmp_server_response_anchors', 'cmp_servers', 'data_folder', 'events',
  'global_config', 'lifecycle_change_counter', 'lifecycle_changes', 'lifecycle_record_state', 'lifecycle_requests', 'private_keys', 'server_group_members', 'server_groups', 'statistics', 'tls_profile_trusted_cas', 'tls_profiles', 'transactions', 'trust_anchors',
];

describe('database file', () => {
  const t = useTempDatabase();

  it('migrates an empty file to the newest schema with every domain table', () => {
    expect(t.db.schemaVersion).toBe(migrations.length);
    const tables = (t.db.connection.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(domainTables);
  });

  it('runs with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const pragma = (name: string) => t.db.connection.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
  });

  it('keeps the file private to its owner', () => {
    expect(statSync(t.db.path).mode & 0o777).toBe(0o600);
  });

  it('reopens without migrating again and keeps data and keychain namespace', () => {
    const namespace = keychainNamespace(t.db.connection);
    expect(namespace).toMatch(/^df-[0-9a-f]{32}$/);
    t.db.connection.prepare("UPDATE global_config SET processing_interval_minutes = 7").run();
    t.db.close();
    const again = openDatabase(t.dataDir);
    try {
      expect(again.schemaVersion).toBe(migrations.length);
      expect(keychainNamespace(again.connection)).toBe(namespace);
      expect(again.connection.prepare('SELECT processing_interval_minutes AS v FROM global_config').get()).toEqual({ v: 7 });
      expect(again.integrityCheck()).toEqual([]);
    } finally {
      again.close();
    }
  });

  it('gives every data folder its own keychain namespace', () => {
    const otherDir = tempDataDir();
    const other = openDatabase(otherDir);
    try {
      expect(keychainNamespace(other.connection)).not.toBe(keychainNamespace(t.db.connection));
    } finally {
      other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('refuses a database written by a newer cmp-desk, naming both versions', () => {
    t.db.connection.pragma('user_version = 99');
    t.db.close();
    expect(() => openDatabase(t.dataDir)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(t.dataDir)).toThrow(`schema version 99, this cmp-desk understands up to ${migrations.length}`);
    const raw = new Database(join(t.dataDir, 'cmp-desk.sqlite3'));
    raw.pragma('user_version = 1');
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });

  it('rolls a failing migration back completely and stays at the last whole version', () => {
    const broken: Migration = {
      version: migrations.length + 1,
      description: 'fails half way',
      up(connection) {
        connection.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('disk says no');
      },
    };
    expect(() => applyMigrations(t.db.connection, t.db.path, [...migrations, broken])).toThrow('disk says no');
    expect(t.db.connection.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(t.db.connection.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
  });
});

describe('a file that is not a database', () => {
  it('is refused with DatabaseOpenError', () => {
    const dir = tempDataDir();
    try {
      writeFileSync(join(dir, 'cmp-desk.sqlite3'), Buffer.alloc(4096, 'this is not sqlite'));
      expect(() => openDatabase(dir)).toThrow(DatabaseOpenError);
      expect(() => openDatabase(dir)).toThrow('is not a SQLite database');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
