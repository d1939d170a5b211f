import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CmpProfile } from '../../../src-shared/domain';
import { InitialAuthenticationKeys, openOsKeychain, type SecretStore } from '../../../src-main/secrets';
import { AuditLog, ConfigRepository, keychainNamespace, redactSecrets } from '../../../src-main/store';
import { secretToolAccounts } from '../secrets/keychain_session';
import { cmpProfile } from './objects';
import { databaseFileBytes, useTempDatabase } from './temp_store';

describe('redactSecrets', () => {
  it('replaces secret fields at any depth and drops raw bytes', () => {
    expect(
      redactSecrets({
        name: 'p1',
        iak: 'x',
        sharedSecret: 'y',
        nested: [{ password: 'z', passphrase: 'w', pkcs8Der: 'v', kept: 1 }],
        privateKey: { any: 'thing' },
        der: Buffer.from([1, 2, 3]),
        privateKeyId: 'an id is not a secret',
      }),
    ).toEqual({
      name: 'p1',
      iak: '[redacted]',
      sharedSecret: '[redacted]',
      nested: [{ password: '[redacted]', passphrase: '[redacted]', pkcs8Der: '[redacted]', kept: 1 }],
      privateKey: '[redacted]',
      der: '[3 bytes omitted]',
      privateKeyId: 'an id is not a secret',
    });
  });
});

describe('audit log', () => {
  const t = useTempDatabase();
  let store: SecretStore;
  let audit: AuditLog;
  beforeEach(async () => {
    store = await openOsKeychain(keychainNamespace(t.db.connection));
    audit = new AuditLog(t.db.connection, () => new Date('2026-04-01T12:00:00Z'));
  });
  afterEach(async () => {
    for (const account of secretToolAccounts(store.namespace)) await store.delete(account);
  });

  it('appends events in order and filters them', () => {
    const id = randomUUID();
    const first = audit.record({ type: 'polled', objectKind: 'transaction', objectId: id, message: 'waiting, checkAfter 60 s' });
    const second = audit.record({ type: 'enrolled', objectKind: 'certificate', objectId: randomUUID(), after: { serial: '01' }, message: 'enrolled' });
    expect(second.sequence).toBeGreaterThan(first.sequence);
    expect(first.at).toBe('2026-04-01T12:00:00.000Z');
    expect(audit.list({ objectId: id })).toEqual([first]);
    expect(audit.list({ afterSequence: first.sequence })).toEqual([second]);
    expect(audit.list({ newestFirst: true, limit: 1 })).toEqual([second]);
  });

  it('never contains the IAK, whatever the caller hands it', async () => {
    const iak = `iak-${randomBytes(12).toString('hex')}`;
    const config = new ConfigRepository(t.db.connection, audit);
    const profile = cmpProfile(null);
    // A careless caller passes the form contents including the secret: the schema drops unknown fields.
    config.cmpProfiles.save({ ...profile, secretValue: iak } as CmpProfile);
    await new InitialAuthenticationKeys(store).set(profile.id, Buffer.from(iak));
    audit.record({ type: 'secret-changed', objectKind: 'cmp-profile', objectId: profile.id, before: { iak: null }, after: { iak, sharedSecret: iak, form: { password: iak, raw: Buffer.from(iak) } }, message: `Initial authentication key of "${profile.name}" set` });
    const events = audit.list({ objectId: profile.id });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(iak);
    expect(databaseFileBytes(t.db).indexOf(Buffer.from(iak))).toBe(-1);
    // The secret did go somewhere: into the keychain.
    expect((await store.get(`iak/${profile.id}`))?.toString()).toBe(iak);
  });
});
