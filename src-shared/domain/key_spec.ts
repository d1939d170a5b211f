import { z } from 'zod';

/** The key pair types a certificate record may ask for (DESIGN.md, reference/000 key-algor/key-size). */
export const keyAlgorithm = z.enum(['rsa-2048', 'rsa-3072', 'rsa-4096', 'ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'ed25519'], {
  error: 'must be one of rsa-2048, rsa-3072, rsa-4096, ecdsa-p256, ecdsa-p384, ecdsa-p521, ed25519',
});
export type KeyAlgorithm = z.infer<typeof keyAlgorithm>;

/** X.509 KeyUsage bits by their RFC 5280 names. */
export const keyUsage = z.enum(
  ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'],
  { error: 'must be an RFC 5280 key usage name, e.g. digitalSignature' },
);
export type KeyUsage = z.infer<typeof keyUsage>;

/** An extended key usage: a well-known name or a dotted OID for anything else. */
export const extendedKeyUsage = z.union(
  [
    z.enum(['serverAuth', 'clientAuth', 'codeSigning', 'emailProtection', 'timeStamping', 'ocspSigning', 'ipsecIke']),
    z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/),
  ],
  { error: 'must be serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, ocspSigning, ipsecIke or a dotted OID' },
);
export type ExtendedKeyUsage = z.infer<typeof extendedKeyUsage>;

/** A list without repetitions: asking twice for the same usage is a typo, not a wish. */
export function uniqueList<T extends z.ZodType>(item: T) {
  return z.array(item).refine((items) => new Set(items).size === items.length, { error: 'must not list the same value twice' });
}
