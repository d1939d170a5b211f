import type { CertificateRecord, CmpProfile, CmpServer, ServerGroup, TlsProfile } from '../../src-shared/domain';
import type { ConfigSnapshot } from './config_snapshot';
import type { FieldProblem } from './secure_certificate_mode';

/**
 * The references of reference/000's configuration chain (record -> profile -> group -> server ->
 * TLS profile -> trust anchors), checked on entry so a broken link is named by its field instead
 * of surfacing as a database constraint.
 */
type Lookup = Pick<ConfigSnapshot, 'trustAnchors' | 'tlsProfiles' | 'cmpServers' | 'serverGroups' | 'cmpProfiles' | 'certificateRecords'>;

const has = (list: readonly { id: string }[], id: string) => list.some((o) => o.id === id);

function missing(field: string, what: string, id: string): FieldProblem {
  return { field, message: `refers to ${what} ${id}, which does not exist` };
}

export function tlsProfileReferenceProblems(profile: TlsProfile, lookup: Lookup): FieldProblem[] {
  const problems = profile.trustedCaIds.flatMap((id, i) => (has(lookup.trustAnchors, id) ? [] : [missing(`trustedCaIds.${i}`, 'trust anchor', id)]));
  const recordId = profile.clientCertificateRecordId;
  if (recordId !== null && !has(lookup.certificateRecords, recordId)) problems.push(missing('clientCertificateRecordId', 'certificate record', recordId));
  return problems;
}

export function cmpServerReferenceProblems(server: CmpServer, lookup: Lookup): FieldProblem[] {
  const problems = server.responseTrustAnchorIds.flatMap((id, i) => (has(lookup.trustAnchors, id) ? [] : [missing(`responseTrustAnchorIds.${i}`, 'trust anchor', id)]));
  if (server.tlsProfileId !== null && !has(lookup.tlsProfiles, server.tlsProfileId)) problems.push(missing('tlsProfileId', 'TLS profile', server.tlsProfileId));
  return problems;
}

export function serverGroupReferenceProblems(group: ServerGroup, lookup: Lookup): FieldProblem[] {
  return group.serverIds.flatMap((id, i) => (has(lookup.cmpServers, id) ? [] : [missing(`serverIds.${i}`, 'CMP server', id)]));
}

export function cmpProfileReferenceProblems(profile: CmpProfile, lookup: Lookup): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (profile.serverGroupId !== null && !has(lookup.serverGroups, profile.serverGroupId)) problems.push(missing('serverGroupId', 'server group', profile.serverGroupId));
  const auth = profile.authentication;
  if (auth.method === 'signature' && !has(lookup.certificateRecords, auth.certificateRecordId)) {
    problems.push(missing('authentication.certificateRecordId', 'certificate record', auth.certificateRecordId));
  }
  return problems;
}

export function certificateRecordReferenceProblems(record: CertificateRecord, lookup: Lookup): FieldProblem[] {
  if (record.cmpProfileId === null || has(lookup.cmpProfiles, record.cmpProfileId)) return [];
  return [missing('cmpProfileId', 'CMP profile', record.cmpProfileId)];
}

/** Who refers to the object with `id`, as the administrator reads it (`CMP server "ca-1"`). */
export function objectUsers(id: string, lookup: Lookup): string[] {
  return [
    ...lookup.tlsProfiles.filter((p) => p.trustedCaIds.includes(id) || p.clientCertificateRecordId === id).map((p) => `TLS profile "${p.name}"`),
    ...lookup.cmpServers.filter((s) => s.tlsProfileId === id || s.responseTrustAnchorIds.includes(id)).map((s) => `CMP server "${s.name}"`),
    ...lookup.serverGroups.filter((g) => g.serverIds.includes(id)).map((g) => `server group "${g.name}"`),
    ...lookup.cmpProfiles
      .filter((p) => p.serverGroupId === id || (p.authentication.method === 'signature' && p.authentication.certificateRecordId === id))
      .map((p) => `CMP profile "${p.name}"`),
    ...lookup.certificateRecords.filter((r) => r.cmpProfileId === id).map((r) => `certificate record "${r.name}"`),
  ];
}
