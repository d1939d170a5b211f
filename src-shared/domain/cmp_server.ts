import { z } from 'zod';
import { objectId, objectName } from './common';

/**
 * A DN written the way `openssl cmp -expect_sender` takes it: "/CN=CMP signer/O=Example". Checked
 * on entry so a typo is refused where it is typed, not at the first enrollment.
 */
const opensslStyleName = /^(?:\/[A-Za-z][A-Za-z0-9.-]*=(?:[^/\\]|\\.)*)+$/;

/** A source address as typed: an IP literal (zod checks it, so src-shared stays free of node:net). */
export const sourceAddressSchema = z
  .string()
  .trim()
  .refine((value) => z.ipv4().safeParse(value).success || z.ipv6().safeParse(value).success, {
    error: 'must be an IPv4 or IPv6 address of this computer, e.g. 192.0.2.10 or 2001:db8::10 (no host name, no port)',
  });

/** cmp-server: one CMP endpoint and how its responses are authenticated. */
export const cmpServerSchema = z
  .object({
    id: objectId,
    name: objectName,
    /** The full CMP URL, e.g. https://ca.example.net/.well-known/cmp/p/sbc (RFC 9811). */
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    tlsProfileId: objectId.nullable(),
    /** server-certificate: trust anchors that verify CMP response protection. */
    responseTrustAnchorIds: z.array(objectId),
    /** The sender name (DN) we expect in responses; null accepts any sender the anchors verify. */
    expectedSender: z
      .string()
      .min(1, { error: 'must not be empty when set' })
      .regex(opensslStyleName, { error: 'must be a distinguished name written as /CN=name/O=organisation' })
      .nullable(),
    /** cmp-msg-timeout: the limit for one request/response exchange. */
    messageTimeoutSeconds: z.number().int().min(1, { error: 'must be at least 1 second' }).max(3600, { error: 'must be at most 3600 seconds' }),
    /** total-timeout: the limit for a whole transaction, polling included. */
    totalTimeoutSeconds: z.number().int().min(1, { error: 'must be at least 1 second' }).max(86_400, { error: 'must be at most 86400 seconds' }),
    /** polling-retry-count: pollReqs per processing tick before waiting for the next tick. */
    pollingRetryCount: z.number().int().min(0, { error: 'must not be negative' }).max(100, { error: 'must be at most 100' }),
    /**
     * Read the error messages and rejections this server sends without protection, instead of
     * refusing them (RFC 9483 3.6.4; OpenSSL's -unprotected_errors). Some CAs cannot protect a
     * negative answer, e.g. when they do not know the sender's secret; with this on, the
     * administrator sees the CA's own reason instead of "not protected". It only ever accepts
     * NEGATIVE answers: an unprotected certificate, pkiConf or waiting is refused regardless.
     * Such an answer is not authenticated (anyone on the path could have sent it), so it is off
     * by default, verify-config warns while it is on, and every failure read this way says so.
     * Absent in exports written before the setting existed: off.
     */
    acceptUnprotectedErrors: z.boolean().default(false),
    /**
     * Send from local address: the address of this computer that connections to this server
     * leave from (curl's --interface; reference/000's cmp-client-address, whose realm's network
     * interface is here one of this computer's interfaces). For CAs or firewalls that admit only
     * a known client address on a machine with several. With a proxy, the connection to the
     * proxy leaves from it. null lets the operating system choose, as before the setting existed.
     */
    sourceAddress: sourceAddressSchema.nullable().default(null),
  })
  .refine((s) => s.messageTimeoutSeconds <= s.totalTimeoutSeconds, {
    error: 'must be less than or equal to totalTimeoutSeconds',
    path: ['messageTimeoutSeconds'],
  });
export type CmpServer = z.infer<typeof cmpServerSchema>;
