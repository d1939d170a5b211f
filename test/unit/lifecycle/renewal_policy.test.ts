import { describe, expect, it } from 'vitest';
import { decide } from '../../../src-main/lifecycle/renewal_policy';
import { day, noon, params, profileB, settings, view } from './policy_fixtures';

const current = (over: object = {}) => ({ certificateId: '44444444-4444-4444-8444-444444444444', notBefore: noon - 30 * day, notAfter: noon + 60 * day, requested: params(), ...over });

describe('renewal policy: IR triggers (reference/000 IR/IP Operation)', () => {
  it('does nothing for a valid certificate that matches the record', () => {
    expect(decide(view(), settings, noon).action).toEqual({ kind: 'nothing' });
  });

  it('enrolls with IR when the record has no certificate', () => {
    expect(decide(view({ current: null }), settings, noon).action).toEqual({ kind: 'enroll', type: 'ir', trigger: 'no-certificate' });
  });

  it('enrolls with IR when the record moved from manual to CMP (certificate not obtained through CMP)', () => {
    expect(decide(view({ current: current({ requested: null }) }), settings, noon).action).toMatchObject({ type: 'ir', trigger: 'manual-to-cmp' });
  });

  it('enrolls with IR when the CMP profile changed', () => {
    expect(decide(view({ desired: params({ cmpProfileId: profileB }) }), settings, noon).action).toMatchObject({ type: 'ir', trigger: 'profile-changed' });
  });

  it.each(['country', 'state', 'locality', 'organization', 'organizationalUnit', 'commonName', 'emailAddress'] as const)('enrolls with IR when subject %s changes', (field) => {
    const subject = { ...params().subject, [field]: field === 'country' ? 'DE' : field === 'emailAddress' ? 'pki@example.net' : 'Changed' };
    expect(decide(view({ desired: params({ subject }) }), settings, noon).action).toMatchObject({ type: 'ir', trigger: 'subject-changed' });
  });

  it('prefers the IR when subject and key change together', () => {
    const desired = params({ subject: { commonName: 'other' }, keyAlgorithm: 'rsa-3072' });
    expect(decide(view({ desired }), settings, noon).action).toMatchObject({ type: 'ir' });
  });
});

describe('renewal policy: KUR triggers (reference/000 KUR Operation)', () => {
  it.each([
    ['key algorithm/size', { keyAlgorithm: 'rsa-2048' as const }],
    ['alternative names', { subjectAltNames: [{ type: 'dns' as const, value: 'other.example.net' }] }],
    ['key usage', { keyUsage: ['digitalSignature' as const, 'keyEncipherment' as const] }],
    ['extended key usage', { extendedKeyUsage: ['clientAuth' as const] }],
    ['digest', { digest: 'sha384' as const }],
  ])('starts a KUR when %s changes', (_name, change) => {
    expect(decide(view({ desired: params(change) }), settings, noon).action).toEqual({ kind: 'enroll', type: 'kur', trigger: 'key-spec-changed' });
  });

  it('ignores the order of SANs and usages', () => {
    const desired = params({ keyUsage: ['keyEncipherment', 'digitalSignature'], subjectAltNames: [{ type: 'dns', value: 'B.example' }, { type: 'dns', value: 'a.example' }] });
    const requested = params({ keyUsage: ['digitalSignature', 'keyEncipherment'], subjectAltNames: [{ type: 'dns', value: 'a.example' }, { type: 'dns', value: 'b.example' }] });
    expect(decide(view({ desired, current: current({ requested }) }), settings, noon).action).toEqual({ kind: 'nothing' });
  });

  it('starts a KUR once renew-before-expiry is reached, not before', () => {
    const expiring = current({ notAfter: noon + 10 * day });
    expect(decide(view({ current: expiring }), settings, noon).action).toMatchObject({ type: 'kur', trigger: 'renew-before-expiry' });
    expect(decide(view({ current: current({ notAfter: noon + 10 * day + 60_000 }) }), settings, noon).action).toEqual({ kind: 'nothing' });
  });

  it('never renews automatically when renew-before-expiry is 0', () => {
    expect(decide(view({ renewBeforeExpiryDays: 0, current: current({ notAfter: noon + day }) }), settings, noon).action).toEqual({ kind: 'nothing' });
  });

  it('starts no config-change KUR while a transaction is in progress', () => {
    const open = { transactionRowId: 'x', type: 'ir' as const, state: 'waiting' as const, nextPollAt: noon + 60_000, applyMode: 'window' as const };
    expect(decide(view({ desired: params({ digest: 'sha512' }), open }), settings, noon).action).toEqual({ kind: 'nothing' });
  });

  it('puts a KUR outside the window into the batch with the opening time', () => {
    const night = { ...settings, kurWindowStart: '02:00', kurWindowEnd: '04:00' };
    const decision = decide(view({ desired: params({ digest: 'sha512' }) }), night, noon);
    expect(decision.action).toEqual({ kind: 'batch', trigger: 'key-spec-changed', windowOpensAt: new Date(2026, 0, 11, 2, 0).getTime() });
  });

  it('does not hold back an IR outside the window', () => {
    const night = { ...settings, kurWindowStart: '02:00', kurWindowEnd: '04:00' };
    expect(decide(view({ current: null }), night, noon).action).toMatchObject({ kind: 'enroll', type: 'ir' });
  });
});

describe('renewal policy: open transactions, retries, expiry', () => {
  const open = (state: 'waiting' | 'requested' | 'confirming' | 'held', over: object = {}) => ({ transactionRowId: 'x', type: 'kur' as const, state, nextPollAt: null, applyMode: 'window' as const, ...over });

  it('polls a waiting transaction when its checkAfter time has come', () => {
    expect(decide(view({ open: open('waiting', { nextPollAt: noon - 1 }) }), settings, noon).action).toEqual({ kind: 'poll' });
    expect(decide(view({ open: open('waiting', { nextPollAt: noon + 1000 }) }), settings, noon).action).toEqual({ kind: 'nothing' });
  });

  it('resumes a transaction interrupted while requested or confirming', () => {
    expect(decide(view({ open: open('requested') }), settings, noon).action).toEqual({ kind: 'resume' });
    expect(decide(view({ open: open('confirming') }), settings, noon).action).toEqual({ kind: 'resume' });
  });

  it('holds a received certificate until the window, unless apply-now', () => {
    const night = { ...settings, kurWindowStart: '02:00', kurWindowEnd: '04:00' };
    expect(decide(view({ open: open('held') }), night, noon).action).toMatchObject({ kind: 'hold' });
    expect(decide(view({ open: open('held', { applyMode: 'now' }) }), night, noon).action).toEqual({ kind: 'replace' });
    expect(decide(view({ open: open('held') }), night, new Date(2026, 0, 11, 2, 5).getTime()).action).toEqual({ kind: 'replace' });
  });

  it('waits for the retry time after failures', () => {
    const decision = decide(view({ current: null, retryAt: noon + 60_000, failures: 2, lastError: 'CA down' }), settings, noon);
    expect(decision.action).toEqual({ kind: 'nothing' });
    expect(decision.reason).toContain('CA down');
    expect(decide(view({ current: null, retryAt: noon - 1, failures: 2 }), settings, noon).action).toMatchObject({ kind: 'enroll' });
  });

  it('deletes an expired CMP certificate, never a manual one', () => {
    const expired = current({ notAfter: noon - 1 });
    expect(decide(view({ current: expired }), settings, noon).action).toEqual({ kind: 'delete' });
    expect(decide(view({ current: expired, managedBy: 'manual', desired: null }), settings, noon).action).toEqual({ kind: 'nothing' });
  });

  it('warns inside the warning period and repeats after the interval, manual records included', () => {
    const soon = current({ notAfter: noon + 5 * day });
    expect(decide(view({ current: soon, managedBy: 'manual', desired: null }), settings, noon).warn).toBe(true);
    expect(decide(view({ current: soon, lastWarningAt: noon - 3_600_000 }), settings, noon).warn).toBe(false);
    expect(decide(view({ current: soon, lastWarningAt: noon - 24 * 3_600_000 }), settings, noon).warn).toBe(true);
    expect(decide(view(), settings, noon).warn).toBe(false);
  });
});

describe('renewal policy: quiet time', () => {
  it('stays quiet until the earliest of renewal start, warning start and expiry, and is not quiet when something is due', async () => {
    const { quietUntil } = await import('../../../src-main/lifecycle/renewal_policy');
    const v = view();
    const quiet = quietUntil(v, settings, decide(v, settings, noon), noon);
    expect(quiet).toBe(noon + 50 * day);
    expect(decide(v, settings, quiet).action).toMatchObject({ kind: 'enroll', type: 'kur' });
    expect(decide(v, settings, quiet - 1).action).toEqual({ kind: 'nothing' });
    const due = view({ current: null });
    expect(quietUntil(due, settings, decide(due, settings, noon), noon)).toBe(noon);
    const warned = view({ renewBeforeExpiryDays: 0, current: { ...v.current!, notAfter: noon + 5 * day }, lastWarningAt: noon - 3_600_000 });
    expect(quietUntil(warned, settings, decide(warned, settings, noon), noon)).toBe(noon + 23 * 3_600_000);
  });
});
