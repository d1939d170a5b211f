import { z } from 'zod';
import { objectId, timestamp } from './common';

/** What happened, in the words of the timeline and the audit log. */
export const auditEventType = z.enum(
  ['enrolled', 'polled', 'renewed', 'rejected', 'failed', 'deleted', 'config-changed', 'expiry-warning', 'imported', 'secret-changed'],
  { error: 'must be a known event type' },
);
export type AuditEventType = z.infer<typeof auditEventType>;

/** The kinds of objects an event can concern. */
export const auditObjectKind = z.enum(
  ['global-config', 'trust-anchor', 'tls-profile', 'cmp-server', 'server-group', 'cmp-profile', 'certificate-record', 'certificate', 'transaction'],
  { error: 'must be a known object kind' },
);
export type AuditObjectKind = z.infer<typeof auditObjectKind>;

/** A timestamped audit entry; before/after are the changed object without any secret. */
export const auditEventSchema = z.object({
  /** Position in the log; increases with time. */
  sequence: z.number().int().positive(),
  at: timestamp,
  type: auditEventType,
  objectKind: auditObjectKind,
  objectId: objectId.nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  message: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
