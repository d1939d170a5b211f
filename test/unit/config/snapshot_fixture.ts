import { defaultGlobalConfig } from '../../../src-shared/domain';
import type { ConfigSnapshot, EnvironmentFacts } from '../../../src-main/config';
import { certificateRecord, cmpProfile, cmpServer, serverGroup, tlsProfile, trustAnchor } from '../store/objects';

export const NOW = new Date('2026-03-01T12:00:00Z');

/**
 * A complete, healthy configuration chain (anchor -> TLS profile -> server -> group -> profile ->
 * record) whose verify-config run has no errors and no warnings; tests break one link each.
 */
export function healthySnapshot(): ConfigSnapshot {
  const anchor = trustAnchor({ notAfter: '2036-01-01T00:00:00.000Z' });
  const tls = tlsProfile([anchor.id], { name: 'cmp-tls' });
  const server = cmpServer(tls.id, { name: 'ca-1', url: 'https://ca.example.net/.well-known/cmp', responseTrustAnchorIds: [anchor.id] });
  const group = serverGroup([server.id], { name: 'cas' });
  const profile = cmpProfile(group.id, { name: 'sbc' });
  const record = certificateRecord({ name: 'sip-1', managedBy: 'cmp', cmpProfileId: profile.id, subjectAltNames: [{ type: 'dns', value: 'sbc1.example.net' }] });
  return {
    globalConfig: { ...defaultGlobalConfig },
    trustAnchors: [anchor],
    tlsProfiles: [tls],
    cmpServers: [server],
    serverGroups: [group],
    cmpProfiles: [profile],
    certificateRecords: [record],
    currentCertificates: [],
  };
}

/** This computer's addresses in the tests: loopback and one interface, both IP versions. */
export const LOCAL_ADDRESSES = ['127.0.0.1', '::1', '192.0.2.2', 'fd00::2'];

/** Facts where every IAK is stored, every host resolves and LOCAL_ADDRESSES are this computer's. */
export function healthyFacts(snapshot: ConfigSnapshot): EnvironmentFacts {
  return {
    initialAuthenticationKeys: new Map(snapshot.cmpProfiles.map((p) => [p.id, 'present' as const])),
    hostResolution: new Map([['ca.example.net', { resolvable: true as const }]]),
    localAddresses: LOCAL_ADDRESSES,
  };
}
