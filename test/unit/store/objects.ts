import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CertificateRecord, CmpProfile, CmpServer, ServerGroup, TlsProfile, Transaction, TrustAnchor } from '../../../src-shared/domain';

/** Factories for valid domain objects; tests override what they exercise. */
export function trustAnchor(overrides: Partial<TrustAnchor> = {}): TrustAnchor {
  const der = randomBytes(64);
  return {
    id: randomUUID(),
    name: `Root CA ${randomUUID().slice(0, 8)}`,
    certificateDer: der.toString('base64'),
    sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
    subject: 'CN=Example Root CA,O=Example',
    notAfter: '2036-01-01T00:00:00.000Z',
    importedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function tlsProfile(trustedCaIds: string[], overrides: Partial<TlsProfile> = {}): TlsProfile {
  return { id: randomUUID(), name: `tls-${randomUUID().slice(0, 8)}`, trustedCaIds, mutualAuthentication: false, clientCertificateRecordId: null, minimumTlsVersion: 'TLSv1.2', verifyHostName: true, ...overrides };
}

export function cmpServer(tlsProfileId: string | null, overrides: Partial<CmpServer> = {}): CmpServer {
  return {
    id: randomUUID(),
    name: `server-${randomUUID().slice(0, 8)}`,
    url: 'https://ca.example.net/.well-known/cmp/p/sbc',
    tlsProfileId,
    responseTrustAnchorIds: [],
    expectedSender: '/CN=CMP RA/O=Example',
    messageTimeoutSeconds: 30,
    totalTimeoutSeconds: 300,
    pollingRetryCount: 3,
    acceptUnprotectedErrors: false,
    sourceAddress: null,
    ...overrides,
  };
}

export function serverGroup(serverIds: string[], overrides: Partial<ServerGroup> = {}): ServerGroup {
  return { id: randomUUID(), name: `group-${randomUUID().slice(0, 8)}`, serverIds, ...overrides };
}

export function cmpProfile(serverGroupId: string | null, overrides: Partial<CmpProfile> = {}): CmpProfile {
  return {
    id: randomUUID(),
    name: `profile-${randomUUID().slice(0, 8)}`,
    serverGroupId,
    authentication: { method: 'shared-secret', reference: '3078' },
    renewBeforeExpiryDays: 30,
    defaultKeyAlgorithm: 'ecdsa-p256',
    defaultDigest: 'sha256',
    defaultKeyUsage: ['digitalSignature'],
    defaultExtendedKeyUsage: ['serverAuth', 'clientAuth'],
    implicitConfirm: false,
    ...overrides,
  };
}

export function certificateRecord(overrides: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    id: randomUUID(),
    name: `record-${randomUUID().slice(0, 8)}`,
    purpose: 'sip-interface',
    subject: { country: 'DE', organization: 'Example', commonName: 'sbc1.example.net' },
    subjectAltNames: [
      { type: 'dns', value: 'sbc1.example.net' },
      { type: 'ip', value: '192.0.2.10' },
    ],
    keyAlgorithm: 'ecdsa-p256',
    keyUsage: ['digitalSignature', 'keyAgreement'],
    extendedKeyUsage: ['serverAuth', '1.3.6.1.5.5.7.3.17'],
    digest: 'sha256',
    managedBy: 'manual',
    cmpProfileId: null,
    deployHooks: [{ command: '/usr/bin/systemctl', args: ['reload', 'nginx'] }],
    ...overrides,
  };
}

export function transaction(recordId: string, overrides: Partial<Transaction> = {}): Transaction {
  const at = new Date().toISOString();
  return {
    id: randomUUID(),
    recordId,
    type: 'ir',
    trigger: 'no-certificate',
    state: 'requested',
    transactionId: randomBytes(16).toString('hex'),
    senderNonce: randomBytes(16).toString('hex'),
    recipNonce: null,
    serverId: null,
    nextPollAt: null,
    attempts: 1,
    lastError: null,
    pendingPrivateKeyId: null,
    requestDer: randomBytes(200).toString('base64'),
    startedAt: at,
    updatedAt: at,
    ...overrides,
  };
}
