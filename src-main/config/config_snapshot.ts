import type { CertificateRecord, CmpProfile, CmpServer, GlobalConfig, ServerGroup, TlsProfile, TrustAnchor } from '../../src-shared/domain';
import type { Store } from '../store';

/** Which records hold a certificate now, and until when: what the checks need of the certificate state. */
export interface CurrentCertificateSummary {
  recordId: string;
  notAfter: string;
}

/**
 * Every configuration object at one moment. The pure checks (verify-config, secure certificate
 * mode, references) work on this, so they can be tested without a database.
 */
export interface ConfigSnapshot {
  globalConfig: GlobalConfig;
  trustAnchors: TrustAnchor[];
  tlsProfiles: TlsProfile[];
  cmpServers: CmpServer[];
  serverGroups: ServerGroup[];
  cmpProfiles: CmpProfile[];
  certificateRecords: CertificateRecord[];
  currentCertificates: CurrentCertificateSummary[];
}

/** Reads the snapshot in one read transaction, so the lists agree with each other. */
export function readConfigSnapshot(store: Store): ConfigSnapshot {
  return store.atomically(() => {
    const certificateRecords = store.certificateRecords.list();
    const currentCertificates = store.certificates.currentExpiries();
    return {
      globalConfig: store.config.globalConfig.get(),
      trustAnchors: store.config.trustAnchors.list(),
      tlsProfiles: store.config.tlsProfiles.list(),
      cmpServers: store.config.cmpServers.list(),
      serverGroups: store.config.serverGroups.list(),
      cmpProfiles: store.config.cmpProfiles.list(),
      certificateRecords,
      currentCertificates,
    };
  });
}
