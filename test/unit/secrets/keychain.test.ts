import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainUnavailableError, openOsKeychain, type SecretStore } from '../../../src-main/secrets';
import { freshNamespace, secretToolAccounts, secretToolLookup } from './keychain_session';

const opened: SecretStore[] = [];
async function open(namespace = freshNamespace()): Promise<SecretStore> {
  const store = await openOsKeychain(namespace);
  opened.push(store);
  return store;
}

afterEach(async () => {
  for (const store of opened.splice(0)) {
    for (const account of secretToolAccounts(store.namespace)) await store.delete(account);
  }
});

describe('OS keychain (real gnome-keyring over the Secret Service)', () => {
  it('stores binary secrets where secret-tool finds them, and reads them back', async () => {
    const store = await open();
    const secret = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x00]);
    await store.set('example/one', secret);
    expect(await store.get('example/one')).toEqual(secret);
    expect(secretToolLookup(store.namespace, 'example/one')).toEqual(secret);
  });

  it('files entries under the Secret Service attributes service=cmp-desk and username=<namespace>/<account>', async () => {
    const store = await open();
    await store.set('example/attributes', Buffer.from('attribute check'));
    const search = spawnSync('secret-tool', ['search', '--all', 'service', 'cmp-desk', 'username', `${store.namespace}/example/attributes`], { encoding: 'utf8' });
    // secret-tool prints label and secret on stdout, the attributes on stderr.
    expect(search.stdout).toContain('secret = attribute check');
    const attributes = [...search.stderr.matchAll(/^attribute\.(\w+) = (.*)$/gm)].map((m) => `${m[1]}=${m[2]}`).sort();
    expect(attributes).toEqual(['service=cmp-desk', `username=${store.namespace}/example/attributes`]);
    expect(search.stdout).toContain(`label = keyring:${store.namespace}/example/attributes@cmp-desk`);
  });

  it('answers null for an account that was never set', async () => {
    const store = await open();
    expect(await store.get('never/set')).toBeNull();
  });

  it('overwrites on set and really removes on delete', async () => {
    const store = await open();
    await store.set('example/two', Buffer.from('first'));
    await store.set('example/two', Buffer.from('second'));
    expect(secretToolLookup(store.namespace, 'example/two')?.toString()).toBe('second');
    expect(await store.delete('example/two')).toBe(true);
    expect(secretToolLookup(store.namespace, 'example/two')).toBeNull();
    expect(await store.get('example/two')).toBeNull();
    expect(await store.delete('example/two')).toBe(false);
  });

  it('keeps two data folders apart by namespace', async () => {
    const first = await open();
    const second = await open();
    await first.set('shared/name', Buffer.from('folder one'));
    await second.set('shared/name', Buffer.from('folder two'));
    expect((await first.get('shared/name'))?.toString()).toBe('folder one');
    expect((await second.get('shared/name'))?.toString()).toBe('folder two');
    await first.delete('shared/name');
    expect((await second.get('shared/name'))?.toString()).toBe('folder two');
  });

  it('rejects namespaces and account names that could escape their slot', async () => {
    await expect(openOsKeychain('Short')).rejects.toThrow(RangeError);
    const store = await open();
    await expect(store.set('', Buffer.from('x'))).rejects.toThrow(RangeError);
    await expect(store.set('../other', Buffer.from('x'))).rejects.toThrow(RangeError);
  });
});

describe('without a D-Bus session', () => {
  const fixture = join(import.meta.dirname, 'fixtures', 'open_keychain.ts');

  function openInChild(env: Record<string, string | undefined>): { outcome: string; name?: string; message?: string } {
    const runtimeDir = mkdtempSync(join(tmpdir(), 'cmp-desk-no-bus-'));
    try {
      const childEnv: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...process.env, XDG_RUNTIME_DIR: runtimeDir, DISPLAY: undefined, ...env })) {
        if (v !== undefined && k !== 'DBUS_SESSION_BUS_ADDRESS') childEnv[k] = v;
      }
      if (env.DBUS_SESSION_BUS_ADDRESS !== undefined) childEnv.DBUS_SESSION_BUS_ADDRESS = env.DBUS_SESSION_BUS_ADDRESS;
      const child = spawnSync(process.execPath, ['--import', 'tsx', fixture], { env: childEnv, encoding: 'utf8', timeout: 15_000 });
      expect(child.status, child.stderr).toBe(0);
      return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
    } finally {
      rmSync(runtimeDir, { recursive: true, force: true });
    }
  }

  it('reports KeychainUnavailableError with advice when the bus address is unset', () => {
    const result = openInChild({ DBUS_SESSION_BUS_ADDRESS: undefined });
    expect(result.outcome).toBe('error');
    expect(result.name).toBe(KeychainUnavailableError.name);
    expect(result.message).toMatch(/No OS keychain: start gnome-keyring or another Secret Service provider/);
  });

  it('reports KeychainUnavailableError when the bus address points nowhere', () => {
    const result = openInChild({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/cmp-desk-test-bus' });
    expect(result.outcome).toBe('error');
    expect(result.name).toBe('KeychainUnavailableError');
    expect(result.message).toMatch(/nonexistent\/cmp-desk-test-bus/);
  });
});
