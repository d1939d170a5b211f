/** The CMP requests the lab CA answers; the same names as the knobs' `appliesTo`. */
export type { RequestKind as CmpRequestKind } from './test_knobs';

/** Request kinds that open a certificate transaction. */
export const certificateRequestKinds = ['ir', 'cr', 'kur', 'p10cr'] as const;
export type CertificateRequestKind = (typeof certificateRequestKinds)[number];

/** The response body each certificate request gets (RFC 9810 5.3.4; p10cr is answered with cp). */
export const responseBodyFor = { ir: 'ip', cr: 'cp', kur: 'kup', p10cr: 'cp' } as const;
