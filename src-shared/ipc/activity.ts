import { z } from 'zod';
import { auditEventSchema, auditEventType, auditObjectKind, objectId, statisticsCounterSchema, timestamp, transactionSchema } from '../domain';
import { command } from './define';

export const auditQuerySchema = z
  .object({
    types: z.array(auditEventType).max(20).optional(),
    objectKinds: z.array(auditObjectKind).max(20).optional(),
    objectId: objectId.optional(),
    since: timestamp.optional(),
    until: timestamp.optional(),
    /** Case-insensitive words in the message. */
    text: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(5_000),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** An open transaction with the record it belongs to, for the outstanding-requests list. */
export const outstandingRequestSchema = z.object({ transaction: transactionSchema, recordName: z.string(), serverName: z.string().nullable() });
export type OutstandingRequest = z.infer<typeof outstandingRequestSchema>;

export const activityCommands = {
  'activity.audit': command(auditQuerySchema, z.object({ events: z.array(auditEventSchema), truncated: z.boolean() })),
  'activity.statistics': command(z.object({}).strict(), z.object({ counters: z.array(statisticsCounterSchema.extend({ recordName: z.string().nullable() })) })),
  'activity.outstanding': command(z.object({}).strict(), z.object({ requests: z.array(outstandingRequestSchema) })),
};
