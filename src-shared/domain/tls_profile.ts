import { z } from 'zod';
import { objectId, objectName } from './common';

/** tls-profile: how the HTTPS connection to a CMP server is authenticated. */
export const tlsProfileSchema = z
  .object({
    id: objectId,
    name: objectName,
    /** trusted-ca-certificates: the trust anchors that may sign the HTTPS server's certificate. */
    trustedCaIds: z.array(objectId),
    /** mutual-authentication: present our own certificate to the server. */
    mutualAuthentication: z.boolean({ error: 'must be true or false' }),
    /** end-entity-certificate: the certificate record whose certificate we present. */
    clientCertificateRecordId: objectId.nullable(),
    minimumTlsVersion: z.enum(['TLSv1.2', 'TLSv1.3'], { error: 'must be TLSv1.2 or TLSv1.3' }),
    /** Check that the server certificate names the host we connect to. */
    verifyHostName: z.boolean({ error: 'must be true or false' }),
  })
  .refine((p) => !p.mutualAuthentication || p.clientCertificateRecordId !== null, {
    error: 'must name a certificate record when mutual authentication is on',
    path: ['clientCertificateRecordId'],
  });
export type TlsProfile = z.infer<typeof tlsProfileSchema>;
