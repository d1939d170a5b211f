import { createHash, randomUUID } from 'node:crypto';
import type { CertificateRecord, CmpProfile } from '../../src-shared/domain';
import { parseCertificateDer } from '../pki';
import type { InitialAuthenticationKeys } from '../secrets';
import type { Store } from '../store';

export interface LabConfigurationInput {
  /** The CA's root certificate (DER): trust anchor for issued certificates and signed responses. */
  rootCertificateDer: Uint8Array;
  /** CMP URLs of the lab CA's servers, in server-group order. */
  cmpUrls: readonly string[];
  /** Shared-secret reference (senderKID) and the IAK the lab CA knows. */
  reference: string;
  secret: Uint8Array;
  renewBeforeExpiryDays: number;
  records: number;
}

export interface LabConfiguration {
  profile: CmpProfile;
  records: CertificateRecord[];
}

/**
 * A complete profile chain against a lab CA, ready to run: trust anchor, CMP servers, server group,
 * CMP profile with the IAK in the keychain, and `records` CMP-managed certificate records lab-1..N.
 */
export async function createLabConfiguration(store: Store, iaks: InitialAuthenticationKeys, input: LabConfigurationInput): Promise<LabConfiguration> {
  const root = parseCertificateDer(input.rootCertificateDer);
  const fingerprint = createHash('sha256').update(root.der).digest('hex');
  const existing = store.config.trustAnchors.list().find((a) => a.sha256Fingerprint === fingerprint);
  const anchor =
    existing ??
    store.config.trustAnchors.save({
      id: randomUUID(),
      name: 'Lab CA root',
      certificateDer: Buffer.from(root.der).toString('base64'),
      sha256Fingerprint: fingerprint,
      subject: root.subject,
      notAfter: root.notAfter.toISOString(),
      importedAt: new Date().toISOString(),
    });
  const servers = input.cmpUrls.map((url, i) =>
    store.config.cmpServers.save({
      id: randomUUID(),
      name: `lab-ca-${i + 1}`,
      url,
      tlsProfileId: null,
      responseTrustAnchorIds: [anchor.id],
      expectedSender: null,
      messageTimeoutSeconds: 30,
      totalTimeoutSeconds: 300,
      pollingRetryCount: 3,
      acceptUnprotectedErrors: false,
      sourceAddress: null,
    }),
  );
  const group = store.config.serverGroups.save({ id: randomUUID(), name: 'lab-ca', serverIds: servers.map((s) => s.id) });
  const profile = store.config.cmpProfiles.save({
    id: randomUUID(),
    name: 'lab',
    serverGroupId: group.id,
    authentication: { method: 'shared-secret', reference: input.reference },
    renewBeforeExpiryDays: input.renewBeforeExpiryDays,
    defaultKeyAlgorithm: 'ecdsa-p256',
    defaultDigest: 'sha256',
    defaultKeyUsage: ['digitalSignature'],
    defaultExtendedKeyUsage: ['serverAuth', 'clientAuth'],
    implicitConfirm: false,
  });
  await iaks.set(profile.id, input.secret);
  const records: CertificateRecord[] = [];
  for (let i = 1; i <= input.records; i++) {
    records.push(
      store.certificateRecords.save({
        id: randomUUID(),
        name: `lab-${i}`,
        purpose: 'sip-interface',
        subject: { commonName: `lab-${i}.cmp-desk.test`, organization: 'cmp-desk lab' },
        subjectAltNames: [{ type: 'dns', value: `lab-${i}.cmp-desk.test` }],
        keyAlgorithm: 'ecdsa-p256',
        keyUsage: ['digitalSignature'],
        extendedKeyUsage: ['serverAuth', 'clientAuth'],
        digest: 'sha256',
        managedBy: 'cmp',
        cmpProfileId: profile.id,
        deployHooks: [],
      }),
    );
  }
  return { profile, records };
}
