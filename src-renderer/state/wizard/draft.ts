import type { WizardDraft } from '../../../src-shared/ipc/index';

/** A fresh wizard: sensible defaults from reference/000 and RFC 9483, ids allocated up front. */
export function newDraft(): WizardDraft {
  return {
    version: 1,
    step: 1,
    path: 'manual',
    cmpProfileId: crypto.randomUUID(),
    recordId: crypto.randomUUID(),
    trust: { rootPem: '', fileName: '', fingerprintConfirmed: false },
    server: {
      name: 'CMP server',
      url: '',
      responseCa: 'root',
      responseCaPem: '',
      expectedSender: '',
      messageTimeoutSeconds: '30',
      totalTimeoutSeconds: '300',
      pollingRetryCount: '5',
      extraServers: [],
    },
    tls: { trustedCa: 'root', trustedCaPem: '', minimumTlsVersion: 'TLSv1.2', verifyHostName: true },
    key: { reference: '', encoding: 'text', secretStored: false },
    profile: { name: 'Default CMP profile', renewBeforeExpiryDays: '30', kurWindowStart: '00:00', kurWindowEnd: '23:59', keyAlgorithm: 'ecdsa-p256', digest: 'sha256', implicitConfirm: false },
    record: {
      name: '',
      purpose: 'management',
      country: '',
      state: '',
      locality: '',
      organization: '',
      organizationalUnit: '',
      commonName: '',
      emailAddress: '',
      subjectAltNames: '',
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['serverAuth'],
    },
    finished: false,
  };
}

export const wizardSteps = ['Trust', 'CMP server', 'TLS profile', 'Authentication key', 'CMP profile', 'First certificate', 'Review and enroll'] as const;
