import { describe, expect, it } from 'vitest';
import { ObjectInUseError, ConfigOperationError } from '../../../src-main/config';
import { toPem } from '../../../src-main/pki';
import { ObjectNotFoundError } from '../../../src-main/store';
import { DomainValidationError } from '../../../src-shared/domain';
import { buildTestChain } from '../pki/chain_fixtures';
import { certificateRecord, cmpProfile, cmpServer, serverGroup, tlsProfile } from '../store/objects';
import { useConfigContext } from './service_fixture';

const ctx = useConfigContext();

async function chainWithAnchor() {
  const chain = await buildTestChain();
  const [result] = ctx.context.service.importTrustAnchors(toPem(chain.root.der, 'CERTIFICATE'));
  return { chain, anchor: result.anchor };
}

/** Saves a whole chain through the service and returns the saved objects. */
async function savedChain() {
  const { anchor } = await chainWithAnchor();
  const s = ctx.context.service;
  const tls = s.save('tls-profile', tlsProfile([anchor.id]));
  const server = s.save('cmp-server', cmpServer(tls.id, { responseTrustAnchorIds: [anchor.id] }));
  const group = s.save('server-group', serverGroup([server.id]));
  const profile = s.save('cmp-profile', cmpProfile(group.id));
  const record = s.save('certificate-record', certificateRecord({ managedBy: 'cmp', cmpProfileId: profile.id, subjectAltNames: [{ type: 'dns', value: 'sbc1.example.net' }] }));
  return { anchor, tls, server, group, profile, record };
}

function validationError(action: () => unknown): DomainValidationError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    return error as DomainValidationError;
  }
  throw new Error('expected a DomainValidationError');
}

describe('ConfigService: validated CRUD', () => {
  it('saves the whole chain and records one audit event per change, with before/after', async () => {
    const { server } = await savedChain();
    const s = ctx.context.service;
    s.save('cmp-server', { ...server, pollingRetryCount: 9 });
    const events = ctx.context.store.audit.list({ objectKind: 'cmp-server', objectId: server.id });
    expect(events.map((e) => e.message)).toEqual([`CMP server "${server.name}" created`, `CMP server "${server.name}" changed`]);
    expect(events[1].before).toMatchObject({ pollingRetryCount: 3 });
    expect(events[1].after).toMatchObject({ pollingRetryCount: 9 });
  });

  it('turns a server\'s "accept unprotected error answers" on and off, each change audited with before/after', async () => {
    const { server } = await savedChain();
    const s = ctx.context.service;
    expect(server.acceptUnprotectedErrors).toBe(false);
    s.save('cmp-server', { ...server, acceptUnprotectedErrors: true });
    expect(s.get('cmp-server', server.id).acceptUnprotectedErrors).toBe(true);
    s.save('cmp-server', { ...server, acceptUnprotectedErrors: false });
    expect(s.get('cmp-server', server.id).acceptUnprotectedErrors).toBe(false);
    const changes = ctx.context.store.audit.list({ objectKind: 'cmp-server', objectId: server.id }).slice(1);
    expect(changes.map((e) => ({ before: e.before, after: e.after }))).toMatchObject([
      { before: { acceptUnprotectedErrors: false }, after: { acceptUnprotectedErrors: true } },
      { before: { acceptUnprotectedErrors: true }, after: { acceptUnprotectedErrors: false } },
    ]);
  });

  it('names the field of a schema problem', () => {
    const error = validationError(() => ctx.context.service.save('cmp-server', cmpServer(null, { messageTimeoutSeconds: 900, totalTimeoutSeconds: 60 })));
    expect(error.problems).toEqual([{ field: 'messageTimeoutSeconds', message: 'must be less than or equal to totalTimeoutSeconds' }]);
    expect(error.message).toContain('Invalid CMP server: messageTimeoutSeconds');
  });

  it('names the field of a reference to a missing object instead of failing on the database constraint', () => {
    const missing = '00000000-0000-4000-8000-0000000000aa';
    const error = validationError(() => ctx.context.service.save('server-group', serverGroup([missing])));
    expect(error.problems).toEqual([{ field: 'serverIds.0', message: `refers to CMP server ${missing}, which does not exist` }]);
  });

  it('refuses a second object with the same name', async () => {
    const { server } = await savedChain();
    const error = validationError(() => ctx.context.service.save('cmp-server', cmpServer(server.tlsProfileId, { name: server.name })));
    expect(error.problems[0]).toEqual({ field: 'name', message: `another CMP server is already named "${server.name}"` });
  });

  it('keeps the server order of a group and refuses more than 10 or none', async () => {
    const { tls } = await savedChain();
    const s = ctx.context.service;
    const servers = Array.from({ length: 11 }, () => s.save('cmp-server', cmpServer(tls.id)));
    const ids = servers.slice(0, 10).map((x) => x.id).reverse();
    const group = s.save('server-group', serverGroup(ids));
    expect(s.get('server-group', group.id).serverIds).toEqual(ids);
    expect(validationError(() => s.save('server-group', serverGroup(servers.map((x) => x.id)))).problems[0]).toEqual({ field: 'serverIds', message: 'must list at most 10 CMP servers' });
    expect(validationError(() => s.save('server-group', serverGroup([]))).problems[0].field).toBe('serverIds');
  });

  it('refuses to delete an object still in use, naming its users; deletes it once unused', async () => {
    const { server, group, profile, record } = await savedChain();
    const s = ctx.context.service;
    await expect(s.delete('cmp-server', server.id)).rejects.toThrow(ObjectInUseError);
    await expect(s.delete('cmp-server', server.id)).rejects.toThrow(`still used by server group "${group.name}"`);
    await expect(s.delete('cmp-profile', profile.id)).rejects.toThrow(`certificate record "${record.name}"`);
    await s.delete('certificate-record', record.id);
    await s.delete('cmp-profile', profile.id);
    expect(() => s.get('cmp-profile', profile.id)).toThrow(ObjectNotFoundError);
  });
});

describe('ConfigService: secure certificate mode on entry', () => {
  it('refuses IP addresses in a record CN or SAN and in a server URL while the mode is on', async () => {
    const { profile, tls } = await savedChain();
    const s = ctx.context.service;
    s.saveGlobalConfig({ ...s.globalConfig(), secureCertificateMode: true });
    const record = certificateRecord({ cmpProfileId: profile.id, managedBy: 'cmp', subject: { commonName: '192.0.2.5' }, subjectAltNames: [{ type: 'dns', value: 'a.example' }, { type: 'ip', value: '192.0.2.5' }] });
    expect(validationError(() => s.save('certificate-record', record)).problems.map((p) => p.field)).toEqual(['subject.commonName', 'subjectAltNames.1.value']);
    expect(validationError(() => s.save('cmp-server', cmpServer(tls.id, { url: 'https://192.0.2.9/.well-known/cmp' }))).problems).toEqual([
      { field: 'url', message: 'names the IP address 192.0.2.9; secure certificate mode requires a host name' },
    ]);
    s.saveGlobalConfig({ ...s.globalConfig(), secureCertificateMode: false });
    expect(s.save('certificate-record', record).id).toBe(record.id);
  });

  it('refuses to turn the mode on while records use IP addresses, naming them', async () => {
    await savedChain();
    const s = ctx.context.service;
    s.save('certificate-record', certificateRecord({ name: 'by-ip' }));
    const error = validationError(() => s.saveGlobalConfig({ ...s.globalConfig(), secureCertificateMode: true }));
    expect(error.problems[0].field).toBe('secureCertificateMode');
    expect(error.problems[0].message).toContain('certificate record "by-ip"');
    expect(s.globalConfig().secureCertificateMode).toBe(false);
  });
});

describe('ConfigService: trust anchors', () => {
  it('imports a PEM root with its subject and SHA-256 fingerprint, once', async () => {
    const chain = await buildTestChain();
    const s = ctx.context.service;
    const [first] = s.importTrustAnchors(toPem(chain.root.der, 'CERTIFICATE'));
    expect(first).toMatchObject({ status: 'imported', selfSigned: true, sha256Fingerprint: chain.root.sha256Fingerprint });
    expect(first.anchor).toMatchObject({ name: 'Lab Root', subject: chain.root.subject, sha256Fingerprint: chain.root.sha256Fingerprint.replaceAll(':', '').toLowerCase() });
    const [again] = s.importTrustAnchors(chain.root.der);
    expect(again).toMatchObject({ status: 'already-present', anchor: { id: first.anchor.id } });
    expect(s.listTrustAnchors()).toHaveLength(1);
  });

  it('refuses a bundle with a leaf certificate, and garbage, with a clear message, storing nothing', async () => {
    const chain = await buildTestChain();
    const s = ctx.context.service;
    expect(() => s.importTrustAnchors(toPem(chain.root.der, 'CERTIFICATE') + toPem(chain.leaf.der, 'CERTIFICATE'))).toThrow(/not a CA certificate/);
    expect(() => s.importTrustAnchors(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(/cannot be read|not an X.509/);
    expect(() => s.importTrustAnchors('hello')).toThrow(/no PEM certificate/);
    expect(s.listTrustAnchors()).toEqual([]);
  });

  it('renames an anchor and refuses deleting one a TLS profile trusts', async () => {
    const { anchor, tls } = await savedChain();
    const s = ctx.context.service;
    expect(s.renameTrustAnchor(anchor.id, 'Corporate Root').name).toBe('Corporate Root');
    expect(() => s.deleteTrustAnchor(anchor.id)).toThrow(`TLS profile "${tls.name}"`);
  });
});

describe('ConfigService: initial authentication keys', () => {
  it('stores the IAK in the keychain, reports only its status, audits without the secret, and clears it', async () => {
    const { profile } = await savedChain();
    const s = ctx.context.service;
    const status = await s.setInitialAuthenticationKey(profile.id, Buffer.from('iak-unit-secret-1'));
    expect(status.isSet).toBe(true);
    expect(Object.keys(status).sort()).toEqual(['isSet', 'setAt']);
    expect([...ctx.keychain.entries.values()].some((v) => v.toString() === 'iak-unit-secret-1')).toBe(true);
    const events = ctx.context.store.audit.list({ objectKind: 'cmp-profile', objectId: profile.id });
    expect(events.at(-1)).toMatchObject({ type: 'secret-changed', before: null, after: null });
    expect(JSON.stringify(ctx.context.store.audit.list())).not.toContain('iak-unit-secret-1');
    expect((await s.clearInitialAuthenticationKey(profile.id)).isSet).toBe(false);
  });

  it('refuses an IAK for a signature profile and deletes the IAK with its profile', async () => {
    const { profile, record, group } = await savedChain();
    const s = ctx.context.service;
    await s.setInitialAuthenticationKey(profile.id, Buffer.from('x'));
    await s.delete('certificate-record', record.id);
    await s.delete('cmp-profile', profile.id);
    expect(ctx.keychain.entries.size).toBe(0);
    const signer = s.save('certificate-record', certificateRecord());
    const signed = s.save('cmp-profile', cmpProfile(group.id, { authentication: { method: 'signature', certificateRecordId: signer.id } }));
    await expect(s.setInitialAuthenticationKey(signed.id, Buffer.from('x'))).rejects.toThrow(ConfigOperationError);
  });
});
