import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InitialAuthenticationKeys, InvalidInitialAuthenticationKeyError, openOsKeychain, type SecretStore } from '../../../src-main/secrets';
import { freshNamespace, secretToolAccounts, secretToolLookup } from './keychain_session';

let store: SecretStore;
beforeEach(async () => {
  store = await openOsKeychain(freshNamespace());
});
afterEach(async () => {
  for (const account of secretToolAccounts(store.namespace)) await store.delete(account);
});

describe('initial authentication keys', () => {
  it('stores the IAK of a CMP profile in the keychain under iak/<profile id>', async () => {
    const profileId = randomUUID();
    const iak = Buffer.from('insta-secret-value-from-the-CA');
    const keys = new InitialAuthenticationKeys(store, () => new Date('2026-03-01T10:00:00Z'));
    await keys.set(profileId, iak);
    expect(secretToolLookup(store.namespace, `iak/${profileId}`)).toEqual(iak);
    expect(await keys.read(profileId)).toEqual(iak);
  });

  it('describes only whether it is set and when, never the secret', async () => {
    const profileId = randomUUID();
    const iak = Buffer.from('a-shared-secret-that-must-stay-hidden');
    const keys = new InitialAuthenticationKeys(store, () => new Date('2026-03-01T10:00:00Z'));
    expect(await keys.describe(profileId)).toEqual({ isSet: false, setAt: null });
    await keys.set(profileId, iak);
    const status = await keys.describe(profileId);
    expect(status).toEqual({ isSet: true, setAt: '2026-03-01T10:00:00.000Z' });
    const shown = JSON.stringify(status) + inspect(status) + inspect(keys, { depth: 5 });
    expect(shown).not.toContain(iak.toString());
    expect(shown).not.toContain(iak.toString('hex'));
    expect(shown).not.toContain(iak.toString('base64'));
  });

  it('keeps the IAKs of different profiles apart and deletes both entries', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const keys = new InitialAuthenticationKeys(store);
    await keys.set(a, Buffer.from('secret-a'));
    await keys.set(b, Buffer.from('secret-b'));
    expect(await keys.delete(a)).toBe(true);
    expect(await keys.read(a)).toBeNull();
    expect((await keys.read(b))?.toString()).toBe('secret-b');
    expect(secretToolAccounts(store.namespace)).toEqual([`iak-set-at/${b}`, `iak/${b}`]);
    expect(await keys.delete(a)).toBe(false);
  });

  it('refuses an empty IAK with the reason verify-config gives', async () => {
    const keys = new InitialAuthenticationKeys(store);
    const profileId = randomUUID();
    await expect(keys.set(profileId, new Uint8Array())).rejects.toThrow(InvalidInitialAuthenticationKeyError);
    await expect(keys.set(profileId, new Uint8Array())).rejects.toThrow(/is empty; enter the secret value/);
    expect(await keys.describe(profileId)).toEqual({ isSet: false, setAt: null });
  });

  it('refuses profile ids that are not ids', async () => {
    const keys = new InitialAuthenticationKeys(store);
    await expect(keys.read('../data-key/v1')).rejects.toThrow(RangeError);
  });
});
