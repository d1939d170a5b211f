import { configDocumentVersion, type ConfigDocument, type NeededSecret } from '../../src-shared/ipc/config_document';
import type { CmpProfile } from '../../src-shared/domain';
import type { ConfigSnapshot } from './config_snapshot';

/** Every shared-secret profile needs its IAK entered again wherever the configuration is imported. */
export function neededSecrets(profiles: readonly CmpProfile[]): NeededSecret[] {
  return profiles.flatMap((p) =>
    p.authentication.method === 'shared-secret'
      ? [{ kind: 'initial-authentication-key' as const, cmpProfileId: p.id, cmpProfileName: p.name, reference: p.authentication.reference, status: 'needs secret' as const }]
      : [],
  );
}

/**
 * The configuration export: the snapshot's configuration objects only. The snapshot holds no
 * secret and no private key (those live in the keychain and as ciphertext), so none can leak here;
 * IAKs appear only as "needs secret".
 */
export function exportConfigDocument(snapshot: ConfigSnapshot, now: Date): ConfigDocument {
  return {
    format: 'cmp-desk-config',
    version: configDocumentVersion,
    exportedAt: now.toISOString(),
    globalConfig: snapshot.globalConfig,
    trustAnchors: snapshot.trustAnchors,
    tlsProfiles: snapshot.tlsProfiles,
    cmpServers: snapshot.cmpServers,
    serverGroups: snapshot.serverGroups,
    cmpProfiles: snapshot.cmpProfiles,
    certificateRecords: snapshot.certificateRecords,
    secretsNeeded: neededSecrets(snapshot.cmpProfiles),
  };
}
