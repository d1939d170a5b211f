import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { openConfigContext, type ConfigContext } from '../../../src-main/config';
import type { SecretStore } from '../../../src-main/secrets';
import { NOW } from '../pki/chain_fixtures';

/** A keychain double for unit tests; the interop tests use the real one. */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, Buffer>();
  constructor(readonly namespace: string) {}
  async get(account: string) {
    const value = this.entries.get(account);
    return value === undefined ? null : Buffer.from(value);
  }
  async set(account: string, secret: Uint8Array) {
    this.entries.set(account, Buffer.from(secret));
  }
  async delete(account: string) {
    return this.entries.delete(account);
  }
}

/** A fresh data folder with a real SQLite store and a memory keychain; after each test it must pass PRAGMA integrity_check, then it is closed and removed. */
export function useConfigContext(): { context: ConfigContext; keychain: MemorySecretStore; dataDir: string } {
  const state = {} as { context: ConfigContext; keychain: MemorySecretStore; dataDir: string };
  beforeEach(() => {
    state.dataDir = mkdtempSync(join(tmpdir(), 'cmp-desk-config-'));
    state.context = openConfigContext(state.dataDir, {
      now: () => NOW,
      openKeychain: async (namespace) => (state.keychain = new MemorySecretStore(namespace)),
    });
  });
  afterEach(() => {
    try {
      expect(state.context.store.database.integrityCheck()).toEqual([]);
    } finally {
      state.context.close();
      rmSync(state.dataDir, { recursive: true, force: true });
    }
  });
  return state;
}
