import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultGlobalConfig, DomainValidationError } from '../../../src-shared/domain';
import { AuditLog, CertificateRecordsRepository, ConfigRepository, StoreConstraintError } from '../../../src-main/store';
import { certificateRecord, cmpProfile, cmpServer, serverGroup, tlsProfile, trustAnchor } from './objects';
import { useTempDatabase } from './temp_store';

describe('configuration objects', () => {
  const t = useTempDatabase();
  let config: ConfigRepository;
  let audit: AuditLog;
  beforeEach(() => {
    audit = new AuditLog(t.db.connection);
    config = new ConfigRepository(t.db.connection, audit);
  });

  /** The whole chain of reference/000: anchor -> tls-profile -> cmp-server -> group -> profile. */
  function saveChain() {
    const anchor = config.trustAnchors.save(trustAnchor());
    const issuing = config.trustAnchors.save(trustAnchor({ name: 'Issuing CA' }));
    const tls = config.tlsProfiles.save(tlsProfile([issuing.id, anchor.id]));
    const server = config.cmpServers.save(cmpServer(tls.id, { responseTrustAnchorIds: [anchor.id] }));
    const backup = config.cmpServers.save(cmpServer(tls.id, { url: 'https://ca2.example.net/.well-known/cmp' }));
    const group = config.serverGroups.save(serverGroup([backup.id, server.id]));
    const profile = config.cmpProfiles.save(cmpProfile(group.id));
    return { anchor, issuing, tls, server, backup, group, profile };
  }

  it('starts with the reference defaults and saves global settings', () => {
    expect(config.globalConfig.get()).toEqual(defaultGlobalConfig);
    const next = { ...defaultGlobalConfig, kurWindowStart: '22:00', kurWindowEnd: '04:00', secureCertificateMode: true };
    config.globalConfig.update(next);
    expect(config.globalConfig.get()).toEqual(next);
    expect(() => config.globalConfig.update({ ...next, kurWindowEnd: '25:00' })).toThrow('kurWindowEnd: must be a time of day HH:MM');
  });

  it('round-trips every object with its ordered lists', () => {
    const chain = saveChain();
    expect(config.trustAnchors.get(chain.anchor.id)).toEqual(chain.anchor);
    expect(config.tlsProfiles.get(chain.tls.id)?.trustedCaIds).toEqual([chain.issuing.id, chain.anchor.id]);
    expect(config.cmpServers.get(chain.server.id)).toEqual(chain.server);
    expect(config.serverGroups.get(chain.group.id)?.serverIds).toEqual([chain.backup.id, chain.server.id]);
    expect(config.cmpProfiles.get(chain.profile.id)).toEqual(chain.profile);
    expect(config.cmpServers.list().map((s) => s.id).sort()).toEqual([chain.server.id, chain.backup.id].sort());
  });

  it('updates in place, reordering a group without touching what refers to it', () => {
    const chain = saveChain();
    config.serverGroups.save({ ...chain.group, serverIds: [chain.server.id, chain.backup.id] });
    expect(config.serverGroups.get(chain.group.id)?.serverIds).toEqual([chain.server.id, chain.backup.id]);
    expect(config.cmpProfiles.get(chain.profile.id)?.serverGroupId).toBe(chain.group.id);
  });

  it('refuses an 11th server in a group, in the schema and in the table itself', () => {
    const chain = saveChain();
    const servers = Array.from({ length: 11 }, () => config.cmpServers.save(cmpServer(chain.tls.id)).id);
    expect(() => config.serverGroups.save(serverGroup(servers))).toThrow(DomainValidationError);
    expect(() => config.serverGroups.save(serverGroup(servers))).toThrow('serverIds: must list at most 10 CMP servers');
    const group = config.serverGroups.save(serverGroup(servers.slice(0, 10)));
    const insert = t.db.connection.prepare('INSERT INTO server_group_members (server_group_id, position, cmp_server_id) VALUES (?, ?, ?)');
    expect(() => insert.run(group.id, 11, servers[10])).toThrow(/CHECK constraint failed/);
    expect(config.serverGroups.get(group.id)?.serverIds).toHaveLength(10);
  });

  it('names the field in validation messages', () => {
    const chain = saveChain();
    expect(() => config.cmpServers.save(cmpServer(chain.tls.id, { messageTimeoutSeconds: 600, totalTimeoutSeconds: 60 }))).toThrow(
      'Invalid CMP server: messageTimeoutSeconds: must be less than or equal to totalTimeoutSeconds',
    );
    expect(() => config.tlsProfiles.save(tlsProfile([], { mutualAuthentication: true }))).toThrow('clientCertificateRecordId: must name a certificate record');
    expect(() => config.cmpProfiles.save(cmpProfile(null, { authentication: { method: 'shared-secret', reference: '' } }))).toThrow('authentication.reference: must not be empty');
  });

  it('refuses duplicate names and dangling references with StoreConstraintError', () => {
    const chain = saveChain();
    expect(() => config.cmpServers.save(cmpServer(chain.tls.id, { name: chain.server.name }))).toThrow(StoreConstraintError);
    expect(() => config.cmpServers.save(cmpServer(randomUUID()))).toThrow(/refers to an object that does not exist/);
    expect(config.cmpServers.list()).toHaveLength(2);
  });

  it('refuses to delete what is still in use, and deletes it once unused', () => {
    const chain = saveChain();
    expect(() => config.cmpServers.delete(chain.server.id)).toThrow(StoreConstraintError);
    expect(() => config.trustAnchors.delete(chain.anchor.id)).toThrow(StoreConstraintError);
    const records = new CertificateRecordsRepository(t.db.connection, audit);
    records.save(certificateRecord({ managedBy: 'cmp', cmpProfileId: chain.profile.id }));
    expect(() => config.cmpProfiles.delete(chain.profile.id)).toThrow(StoreConstraintError);
    config.serverGroups.save({ ...chain.group, serverIds: [chain.backup.id] });
    expect(config.cmpServers.delete(chain.server.id)).toBe(true);
    expect(config.cmpServers.get(chain.server.id)).toBeNull();
    expect(config.cmpServers.delete(chain.server.id)).toBe(false);
  });

  it('records every create, change and delete in the audit log with before and after', () => {
    const anchor = trustAnchor();
    const tls = config.tlsProfiles.save(tlsProfile([]));
    config.tlsProfiles.save({ ...tls, verifyHostName: false });
    config.tlsProfiles.delete(tls.id);
    config.trustAnchors.save(anchor);
    const events = audit.list({ objectKind: 'tls-profile', objectId: tls.id });
    expect(events.map((e) => e.message)).toEqual([`TLS profile "${tls.name}" created`, `TLS profile "${tls.name}" changed`, `TLS profile "${tls.name}" deleted`]);
    expect(events.map((e) => e.type)).toEqual(['config-changed', 'config-changed', 'config-changed']);
    expect(events[1]?.before).toMatchObject({ verifyHostName: true });
    expect(events[1]?.after).toMatchObject({ verifyHostName: false });
    expect(events[2]?.after).toBeNull();
  });

  it('writes nothing, not even the audit event, when a save is refused', () => {
    const chain = saveChain();
    const before = audit.list().length;
    expect(() => config.cmpServers.save(cmpServer(chain.tls.id, { name: chain.server.name }))).toThrow(StoreConstraintError);
    expect(audit.list()).toHaveLength(before);
  });
});
