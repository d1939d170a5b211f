import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportConfigDocument, importConfigDocument, openConfigContext, readConfigSnapshot } from '../../../src-main/config';
import { toPem } from '../../../src-main/pki';
import { DomainValidationError } from '../../../src-shared/domain';
import { buildTestChain, NOW } from '../pki/chain_fixtures';
import { certificateRecord, cmpProfile, cmpServer, serverGroup, tlsProfile } from '../store/objects';
import { MemorySecretStore, useConfigContext } from './service_fixture';

const ctx = useConfigContext();

async function populate() {
  const chain = await buildTestChain();
  const s = ctx.context.service;
  const [{ anchor }] = s.importTrustAnchors(toPem(chain.root.der, 'CERTIFICATE'));
  const tls = s.save('tls-profile', tlsProfile([anchor.id], { name: 'cmp-tls' }));
  const servers = ['ca-b', 'ca-a'].map((name) => s.save('cmp-server', cmpServer(tls.id, { name, responseTrustAnchorIds: [anchor.id] })));
  const group = s.save('server-group', serverGroup(servers.map((x) => x.id), { name: 'cas' }));
  const profile = s.save('cmp-profile', cmpProfile(group.id, { name: 'sbc', authentication: { method: 'shared-secret', reference: 'ref-3078' } }));
  s.save('certificate-record', certificateRecord({ name: 'sip-1', managedBy: 'cmp', cmpProfileId: profile.id }));
  // A cycle: a TLS profile presents a record whose profile reaches that TLS profile again.
  const mutual = s.save('tls-profile', tlsProfile([anchor.id], { name: 'mutual', mutualAuthentication: true, clientCertificateRecordId: s.list('certificate-record')[0].id }));
  await s.setInitialAuthenticationKey(profile.id, Buffer.from('transfer-secret-77'));
  return { anchor, tls, mutual, profile, group };
}

/** A second, empty data folder to import into. */
function otherFolder() {
  const dataDir = mkdtempSync(join(tmpdir(), 'cmp-desk-import-'));
  const keychain = new MemorySecretStore('other');
  const context = openConfigContext(dataDir, { now: () => NOW, openKeychain: async () => keychain });
  return { context, keychain, dispose: () => (context.close(), rmSync(dataDir, { recursive: true, force: true })) };
}

function strip<T extends { id: string }>(list: T[]): Omit<T, 'id'>[] {
  return list.map(({ id: _id, ...rest }) => rest);
}

describe('configuration export and import', () => {
  it('round-trips into an empty data folder: same objects and references, IAKs listed as needing a secret, no secret in the file', async () => {
    const { profile } = await populate();
    const document = exportConfigDocument(readConfigSnapshot(ctx.context.store), NOW);
    const text = JSON.stringify(document);
    expect(text).not.toContain('transfer-secret-77');
    expect(document.secretsNeeded).toEqual([{ kind: 'initial-authentication-key', cmpProfileId: profile.id, cmpProfileName: 'sbc', reference: 'ref-3078', status: 'needs secret' }]);

    const other = otherFolder();
    try {
      const report = await importConfigDocument(other.context.store, JSON.parse(text), await other.context.initialAuthenticationKeys());
      expect(report).toMatchObject({ created: 8, updated: 0, unchanged: 1 });
      expect(report.secretsNeeded.map((n) => n.cmpProfileName)).toEqual(['sbc']);
      const imported = readConfigSnapshot(other.context.store);
      const original = readConfigSnapshot(ctx.context.store);
      expect(imported.serverGroups).toEqual(original.serverGroups);
      expect(imported.tlsProfiles).toEqual(original.tlsProfiles);
      expect(imported.certificateRecords).toEqual(original.certificateRecords);
      expect(other.context.store.audit.list({ objectKind: 'cmp-server' })).toHaveLength(2);
    } finally {
      other.dispose();
    }
  });

  it('carries a server\'s "accept unprotected error answers"; an export written before the setting existed imports it as off', async () => {
    await populate();
    const lenient = ctx.context.service.list('cmp-server').find((x) => x.name === 'ca-a')!;
    ctx.context.service.save('cmp-server', { ...lenient, acceptUnprotectedErrors: true });
    const document = exportConfigDocument(readConfigSnapshot(ctx.context.store), NOW);
    expect(document.cmpServers.map((x) => [x.name, x.acceptUnprotectedErrors])).toEqual([['ca-a', true], ['ca-b', false]]);
    const switches = (folder: ReturnType<typeof otherFolder>) => folder.context.service.list('cmp-server').map((x) => [x.name, x.acceptUnprotectedErrors]);
    const current = otherFolder();
    const older = otherFolder();
    try {
      await importConfigDocument(current.context.store, JSON.parse(JSON.stringify(document)), null);
      expect(switches(current)).toEqual([['ca-a', true], ['ca-b', false]]);
      const written = JSON.parse(JSON.stringify(document)) as { cmpServers: Record<string, unknown>[] };
      written.cmpServers.forEach((server) => delete server.acceptUnprotectedErrors);
      await importConfigDocument(older.context.store, written, null);
      expect(switches(older)).toEqual([['ca-a', false], ['ca-b', false]]);
    } finally {
      current.dispose();
      older.dispose();
    }
  });

  it('carries a server\'s source address; an export without it imports none, and one that is no IP address is refused naming the field', async () => {
    await populate();
    const bound = ctx.context.service.list('cmp-server').find((x) => x.name === 'ca-a')!;
    ctx.context.service.save('cmp-server', { ...bound, sourceAddress: '2001:db8::10' });
    const document = exportConfigDocument(readConfigSnapshot(ctx.context.store), NOW);
    expect(document.cmpServers.map((x) => [x.name, x.sourceAddress])).toEqual([['ca-a', '2001:db8::10'], ['ca-b', null]]);
    const addresses = (folder: ReturnType<typeof otherFolder>) => folder.context.service.list('cmp-server').map((x) => [x.name, x.sourceAddress]);
    const current = otherFolder();
    const older = otherFolder();
    try {
      await importConfigDocument(current.context.store, JSON.parse(JSON.stringify(document)), null);
      expect(addresses(current)).toEqual([['ca-a', '2001:db8::10'], ['ca-b', null]]);
      const written = JSON.parse(JSON.stringify(document)) as { cmpServers: Record<string, unknown>[] };
      written.cmpServers.forEach((server) => delete server.sourceAddress);
      await importConfigDocument(older.context.store, written, null);
      expect(addresses(older)).toEqual([['ca-a', null], ['ca-b', null]]);
      written.cmpServers[1].sourceAddress = 'eth0';
      const error = await importConfigDocument(older.context.store, written, null).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainValidationError);
      expect((error as DomainValidationError).problems.map((p) => p.field)).toEqual(['cmpServers.1.sourceAddress']);
      expect(addresses(older)).toEqual([['ca-a', null], ['ca-b', null]]);
    } finally {
      current.dispose();
      older.dispose();
    }
  });

  it('re-importing the same export changes nothing', async () => {
    await populate();
    const document = exportConfigDocument(readConfigSnapshot(ctx.context.store), NOW);
    const auditBefore = ctx.context.store.audit.list().length;
    const report = await importConfigDocument(ctx.context.store, JSON.parse(JSON.stringify(document)), null);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 9 });
    expect(ctx.context.store.audit.list()).toHaveLength(auditBefore);
  });

  it('matches objects by name in another installation and rewrites references to the local ids', async () => {
    await populate();
    const document = exportConfigDocument(readConfigSnapshot(ctx.context.store), NOW);
    const other = otherFolder();
    try {
      const localGroupServer = other.context.service;
      localGroupServer.importTrustAnchors(Buffer.from(document.trustAnchors[0].certificateDer, 'base64'));
      const localTls = localGroupServer.save('tls-profile', tlsProfile(localGroupServer.listTrustAnchors().map((a) => a.id), { name: 'cmp-tls', verifyHostName: false }));
      const report = await importConfigDocument(other.context.store, document, null);
      expect(report.outcomes.find((o) => o.name === 'cmp-tls')).toEqual({ kind: 'tls-profile', id: localTls.id, name: 'cmp-tls', action: 'updated' });
      expect(report.outcomes.find((o) => o.kind === 'trust-anchor')?.action).toBe('unchanged');
      const servers = other.context.service.list('cmp-server');
      expect(servers.every((x) => x.tlsProfileId === localTls.id)).toBe(true);
      expect(other.context.service.get('tls-profile', localTls.id).verifyHostName).toBe(true);
    } finally {
      other.dispose();
    }
  });

  it('validates everything before writing anything, naming each bad field', async () => {
    await populate();
    const document = exportConfigDocument(readConfigSnapshot(ctx.context.store), NOW);
    const broken = structuredClone(document);
    broken.globalConfig.processingIntervalMinutes = 0;
    broken.serverGroups[0].serverIds.push('00000000-0000-4000-8000-0000000000bb');
    broken.certificateRecords.push(certificateRecord({ name: 'new-record' }));
    const other = otherFolder();
    try {
      await expect(importConfigDocument(other.context.store, broken, null)).rejects.toThrow(/globalConfig.processingIntervalMinutes/);
      broken.globalConfig.processingIntervalMinutes = 5;
      const error = await importConfigDocument(other.context.store, broken, null).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainValidationError);
      expect((error as DomainValidationError).problems).toEqual([{ field: 'serverGroups.0.serverIds.2', message: 'refers to CMP server 00000000-0000-4000-8000-0000000000bb, which does not exist' }]);
      expect(strip(readConfigSnapshot(other.context.store).certificateRecords)).toEqual([]);
      expect(other.context.store.audit.list()).toEqual([]);
    } finally {
      other.dispose();
    }
  });

  it('refuses a file that is not a cmp-desk export or has another version, and a tampered trust anchor', async () => {
    await populate();
    const document = exportConfigDocument(readConfigSnapshot(ctx.context.store), NOW);
    await expect(importConfigDocument(ctx.context.store, { hello: 1 }, null)).rejects.toThrow(/format/);
    await expect(importConfigDocument(ctx.context.store, { ...document, version: 2 }, null)).rejects.toThrow(/version: must be 1/);
    const tampered = structuredClone(document);
    tampered.trustAnchors[0].sha256Fingerprint = 'ab'.repeat(32);
    await expect(importConfigDocument(ctx.context.store, tampered, null)).rejects.toThrow(/trustAnchors.0.sha256Fingerprint: does not match the certificate/);
  });

  it('applies secure certificate mode from the file to the configuration the import would leave', async () => {
    await populate();
    const document = exportConfigDocument(readConfigSnapshot(ctx.context.store), NOW);
    document.globalConfig.secureCertificateMode = true;
    const error = await importConfigDocument(ctx.context.store, document, null).catch((e: unknown) => e as DomainValidationError);
    expect(error).toBeInstanceOf(DomainValidationError);
    expect((error as DomainValidationError).problems.map((p) => p.field)).toContain('certificateRecords.0.subjectAltNames.1.value');
    expect(ctx.context.service.globalConfig().secureCertificateMode).toBe(false);
  });
});
