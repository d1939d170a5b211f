import type { ConfigDocument } from '../../src-shared/ipc/config_document';
import type { CertificateRecord, CmpProfile, CmpServer, ServerGroup, TlsProfile, TrustAnchor } from '../../src-shared/domain';
import type { ConfigSnapshot } from './config_snapshot';

/** The imported objects with every id and reference rewritten to this installation's ids. */
export type MappedObjects = Pick<ConfigDocument, 'trustAnchors' | 'tlsProfiles' | 'cmpServers' | 'serverGroups' | 'cmpProfiles' | 'certificateRecords'>;

/**
 * An imported object updates the local object with the same id, else the one with the same name
 * (trust anchors: the same certificate), else it is created with its own id. References follow.
 */
function idMap<T extends { id: string; name: string }>(imported: readonly T[], local: readonly T[], sameThing: (a: T, b: T) => boolean = (a, b) => a.name === b.name): Map<string, string> {
  return new Map(imported.map((o) => [o.id, (local.find((l) => l.id === o.id) ?? local.find((l) => sameThing(l, o)))?.id ?? o.id]));
}

export function mapImportedIds(document: ConfigDocument, local: ConfigSnapshot): MappedObjects {
  const anchors = idMap<TrustAnchor>(document.trustAnchors, local.trustAnchors, (a, b) => a.sha256Fingerprint === b.sha256Fingerprint);
  const tls = idMap<TlsProfile>(document.tlsProfiles, local.tlsProfiles);
  const servers = idMap<CmpServer>(document.cmpServers, local.cmpServers);
  const groups = idMap<ServerGroup>(document.serverGroups, local.serverGroups);
  const profiles = idMap<CmpProfile>(document.cmpProfiles, local.cmpProfiles);
  const records = idMap<CertificateRecord>(document.certificateRecords, local.certificateRecords);
  const to = (map: Map<string, string>) => (id: string) => map.get(id) ?? id;
  const toNullable = (map: Map<string, string>) => (id: string | null) => (id === null ? null : to(map)(id));
  return {
    trustAnchors: document.trustAnchors.map((a) => ({ ...a, id: to(anchors)(a.id) })),
    tlsProfiles: document.tlsProfiles.map((p) => ({ ...p, id: to(tls)(p.id), trustedCaIds: p.trustedCaIds.map(to(anchors)), clientCertificateRecordId: toNullable(records)(p.clientCertificateRecordId) })),
    cmpServers: document.cmpServers.map((s) => ({ ...s, id: to(servers)(s.id), tlsProfileId: toNullable(tls)(s.tlsProfileId), responseTrustAnchorIds: s.responseTrustAnchorIds.map(to(anchors)) })),
    serverGroups: document.serverGroups.map((g) => ({ ...g, id: to(groups)(g.id), serverIds: g.serverIds.map(to(servers)) })),
    cmpProfiles: document.cmpProfiles.map((p) => ({
      ...p,
      id: to(profiles)(p.id),
      serverGroupId: toNullable(groups)(p.serverGroupId),
      authentication: p.authentication.method === 'signature' ? { ...p.authentication, certificateRecordId: to(records)(p.authentication.certificateRecordId) } : p.authentication,
    })),
    certificateRecords: document.certificateRecords.map((r) => ({ ...r, id: to(records)(r.id), cmpProfileId: toNullable(profiles)(r.cmpProfileId) })),
  };
}

/** The local snapshot with the imported objects added or replacing theirs: what the import would leave. */
export function mergeSnapshot(local: ConfigSnapshot, document: ConfigDocument, mapped: MappedObjects): ConfigSnapshot {
  const merge = <T extends { id: string }>(current: readonly T[], incoming: readonly T[]) => [...current.filter((c) => !incoming.some((i) => i.id === c.id)), ...incoming];
  return {
    globalConfig: document.globalConfig,
    trustAnchors: merge(local.trustAnchors, mapped.trustAnchors),
    tlsProfiles: merge(local.tlsProfiles, mapped.tlsProfiles),
    cmpServers: merge(local.cmpServers, mapped.cmpServers),
    serverGroups: merge(local.serverGroups, mapped.serverGroups),
    cmpProfiles: merge(local.cmpProfiles, mapped.cmpProfiles),
    certificateRecords: merge(local.certificateRecords, mapped.certificateRecords),
    currentCertificates: local.currentCertificates,
  };
}
