import { z } from 'zod';
import { objectId, sourceAddressSchema } from '../domain';
import { command } from './define';

/** A secret as typed: text (UTF-8) or hex digits, never stored by the renderer. */
export const typedSecretSchema = z.object({
  value: z.string().min(1, { error: 'must not be empty' }).max(2_048),
  encoding: z.enum(['text', 'hex']),
});
export type TypedSecret = z.infer<typeof typedSecretSchema>;

/** Everything a genm needs, as entered (not yet stored), so the wizard can test before saving. */
export const connectionTestRequestSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    /** PEM of the certificates that verify CMP response protection. */
    responseCaPem: z.array(z.string().max(2_000_000)).max(20),
    expectedSender: z.string().max(1_000).nullable(),
    messageTimeoutSeconds: z.number().int().min(1).max(3_600),
    /** CmpServer.sourceAddress: the local address to send from; absent or null lets the system choose. */
    sourceAddress: sourceAddressSchema.nullish(),
    tls: z.object({
      trustedCaPem: z.array(z.string().max(2_000_000)).max(20),
      minimumTlsVersion: z.enum(['TLSv1.2', 'TLSv1.3']),
      verifyHostName: z.boolean(),
    }),
    reference: z.string().min(1, { error: 'must not be empty' }).max(256),
    /** The key as typed, or the one already in the keychain for this CMP profile. */
    secret: z.union([z.object({ typed: typedSecretSchema }), z.object({ storedFor: objectId })]),
  })
  .strict();
export type ConnectionTestRequest = z.infer<typeof connectionTestRequestSchema>;

/** Where the test stopped: the part of the path the administrator has to look at. */
export const connectionStage = z.enum(['input', 'network', 'tls', 'http', 'protection', 'server', 'ok']);
export type ConnectionStage = z.infer<typeof connectionStage>;

export const connectionTestResultSchema = z.object({
  ok: z.boolean(),
  stage: connectionStage,
  /** One plain sentence: what happened. */
  message: z.string(),
  /** What to do about it. */
  advice: z.string(),
  /** The underlying error text, for support. */
  detail: z.string().nullable(),
  elapsedMs: z.number().int().min(0),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const connectionCommands = {
  'connection.test': command(connectionTestRequestSchema, connectionTestResultSchema),
};
