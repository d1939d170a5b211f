import type { RecordView } from '../../../src-main/lifecycle/record_view';
import type { RequestParameters } from '../../../src-main/lifecycle/request_parameters';
import type { PolicySettings } from '../../../src-main/lifecycle/renewal_policy';

export const day = 86_400_000;
export const profileA = '11111111-1111-4111-8111-111111111111';
export const profileB = '22222222-2222-4222-8222-222222222222';

export const params = (over: Partial<RequestParameters> = {}): RequestParameters => ({
  cmpProfileId: profileA,
  subject: { commonName: 'sip.example.net', organization: 'Example' },
  subjectAltNames: [{ type: 'dns', value: 'sip.example.net' }],
  keyAlgorithm: 'ecdsa-p256',
  keyUsage: ['digitalSignature'],
  extendedKeyUsage: ['serverAuth'],
  digest: 'sha256',
  ...over,
});

/** Noon, 10 Jan 2026 local time. */
export const noon = new Date(2026, 0, 10, 12, 0).getTime();

export const settings: PolicySettings = { kurWindowStart: '00:00', kurWindowEnd: '23:59', expiryWarningDays: 7, expiryNotificationIntervalHours: 24 };

export function view(over: Partial<RecordView> = {}): RecordView {
  return {
    recordId: '33333333-3333-4333-8333-333333333333',
    name: 'sip',
    managedBy: 'cmp',
    desired: params(),
    renewBeforeExpiryDays: 10,
    current: { certificateId: '44444444-4444-4444-8444-444444444444', notBefore: noon - 30 * day, notAfter: noon + 60 * day, requested: params() },
    open: null,
    retryAt: null,
    failures: 0,
    lastError: null,
    lastWarningAt: null,
    ...over,
  };
}
