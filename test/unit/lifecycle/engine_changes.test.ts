import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CertificateRecord, CmpProfile } from '../../../src-shared/domain';
import { desiredParameters, parametersJson, requestFingerprint, type OpenLifecycle } from '../../../src-main/lifecycle';
import { certificateRecord, cmpProfile } from '../store/objects';
import { day, noon } from './policy_fixtures';
import { openQuietLifecycle } from './quiet_lifecycle';

/**
 * The tick reads only the records changed since its last read (store change sequence); these tests
 * check that what changed is seen at the next tick: one record, a profile with its records, the settings.
 */
describe('the tick sees changes since its last read', () => {
  let life: OpenLifecycle;
  let closeLife: () => void;
  let profile: CmpProfile;
  let other: CmpProfile;
  const now = noon;

  beforeEach(async () => {
    ({ life, close: closeLife } = await openQuietLifecycle('engine-changes', () => now));
    profile = life.store.config.cmpProfiles.save(cmpProfile(null, { renewBeforeExpiryDays: 10 }));
    other = life.store.config.cmpProfiles.save(cmpProfile(null, { renewBeforeExpiryDays: 10 }));
  });
  afterEach(() => closeLife());

  /** A CMP record holding a certificate obtained with exactly what it asks for, valid 90 more days: nothing to do. */
  function enrolled(name: string, profileId = profile.id): CertificateRecord {
    const { store } = life;
    const record = store.certificateRecords.save(certificateRecord({ name, managedBy: 'cmp', cmpProfileId: profileId }));
    const der = randomBytes(200);
    const id = randomUUID();
    store.certificates.putIntoUse({
      id, recordId: record.id, status: 'current', origin: 'ir', serialNumber: '01', subject: 'CN=sbc1.example.net', issuer: 'CN=Lab CA',
      notBefore: new Date(now - day).toISOString(), notAfter: new Date(now + 90 * day).toISOString(), sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
      certificateDer: der.toString('base64'), chainDer: [], privateKeyId: null, obtainedAt: new Date(now - day).toISOString(),
    });
    const parameters = desiredParameters(record)!;
    store.lifecycle.setCertificateParameters(id, parametersJson(parameters), requestFingerprint(parameters));
    return record;
  }

  const actions = () => Object.fromEntries(life.engine.plan().map(({ view, decision }) => [view.name, decision.action.kind === 'enroll' ? `${decision.action.type}:${decision.action.trigger}` : decision.action.kind]));

  it('a record edited after a tick is decided anew at the next one; the others keep their decision', () => {
    const a = enrolled('a');
    enrolled('b');
    expect(life.engine.tick().started).toBe(0);
    expect(actions()).toEqual({ a: 'nothing', b: 'nothing' });
    life.store.certificateRecords.save({ ...a, digest: 'sha384' });
    expect(actions()).toEqual({ a: 'kur:key-spec-changed', b: 'nothing' });
  });

  it('a profile change reaches every record that uses it, and only those', () => {
    enrolled('uses-1');
    enrolled('uses-2');
    enrolled('elsewhere', other.id);
    expect(actions()).toEqual({ 'uses-1': 'nothing', 'uses-2': 'nothing', elsewhere: 'nothing' });
    life.store.config.cmpProfiles.save({ ...profile, renewBeforeExpiryDays: 100 });
    expect(actions()).toEqual({ 'uses-1': 'kur:renew-before-expiry', 'uses-2': 'kur:renew-before-expiry', elsewhere: 'nothing' });
  });

  it('new, renamed and deleted records appear, move and disappear in name order', () => {
    const b = enrolled('b');
    const c = enrolled('c');
    expect(Object.keys(actions())).toEqual(['b', 'c']);
    enrolled('a');
    life.store.certificateRecords.save({ ...c, name: '0-first' });
    life.store.certificateRecords.delete(b.id);
    expect(Object.keys(actions())).toEqual(['0-first', 'a']);
  });

  it('a settings change makes quiet records decide again (expiry warning period)', () => {
    enrolled('a');
    expect(life.engine.plan()[0].decision.warn).toBe(false);
    const config = life.store.config.globalConfig;
    config.update({ ...config.get(), expiryWarningDays: 120 });
    expect(life.engine.plan()[0].decision.warn).toBe(true);
  });
});
