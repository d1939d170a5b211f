import { z } from 'zod';
import { ipcErrorDataSchema, type IpcErrorData } from './errors';

/**
 * The wire shapes of transports that carry messages rather than calls (WebSocket). Electron's
 * ipcMain.handle already pairs requests with responses, so it carries only `IpcResult`.
 */
const messageId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** The outcome of one command: the result, or a typed error (never a stack trace). */
export const ipcResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ipcErrorDataSchema }),
]);
export type IpcResult = { ok: true; result: unknown } | { ok: false; error: IpcErrorData };

export const requestEnvelopeSchema = z.object({
  kind: z.literal('request'),
  id: messageId,
  command: z.string().max(200),
  payload: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

export const responseEnvelopeSchema = z.object({
  kind: z.literal('response'),
  id: messageId,
  outcome: ipcResultSchema,
});
export type ResponseEnvelope = { kind: 'response'; id: number; outcome: IpcResult };

export const eventEnvelopeSchema = z.object({
  kind: z.literal('event'),
  event: z.string().max(200),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/** What the main side receives, and what the renderer side receives. */
export const toMainEnvelopeSchema = requestEnvelopeSchema;
export const toRendererEnvelopeSchema = z.discriminatedUnion('kind', [responseEnvelopeSchema, eventEnvelopeSchema]);
