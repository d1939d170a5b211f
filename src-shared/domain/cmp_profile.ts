import { z } from 'zod';
import { digestAlgorithm, objectId, objectName } from './common';
import { extendedKeyUsage, keyAlgorithm, keyUsage, uniqueList } from './key_spec';

/**
 * How our requests are authenticated. The IAK itself never appears here: it lives in the OS
 * keychain under the profile id; `reference` is the non-secret value shared with the CA (senderKID).
 */
export const cmpAuthenticationSchema = z.discriminatedUnion(
  'method',
  [
    z.object({
      method: z.literal('shared-secret'),
      reference: z.string().min(1, { error: 'must not be empty' }).max(256, { error: 'must be at most 256 characters' }),
    }),
    z.object({
      method: z.literal('signature'),
      /** The certificate record whose current certificate and key sign our requests. */
      certificateRecordId: objectId,
    }),
  ],
  { error: 'must be shared-secret or signature' },
);
export type CmpAuthentication = z.infer<typeof cmpAuthenticationSchema>;

/** cmp-profile: the CMP policy shared by many certificate records. */
export const cmpProfileSchema = z.object({
  id: objectId,
  name: objectName,
  serverGroupId: objectId.nullable(),
  authentication: cmpAuthenticationSchema,
  /** Start renewing this many days before expiry; 0 turns automatic renewal off. */
  renewBeforeExpiryDays: z.number().int().min(0, { error: 'must not be negative' }).max(3650, { error: 'must be at most 3650 days' }),
  defaultKeyAlgorithm: keyAlgorithm,
  defaultDigest: digestAlgorithm,
  defaultKeyUsage: uniqueList(keyUsage),
  defaultExtendedKeyUsage: uniqueList(extendedKeyUsage),
  /** Ask the CA to skip certConf/pkiConf (RFC 9810 implicitConfirm). */
  implicitConfirm: z.boolean({ error: 'must be true or false' }),
});
export type CmpProfile = z.infer<typeof cmpProfileSchema>;
