import { z } from 'zod';
import {
  auditEventSchema,
  certificatePurpose,
  certificateRecordSchema,
  certificateSchema,
  objectId,
  timestamp,
  transactionSchema,
  transactionState,
  transactionType,
} from '../domain';
import { command, event } from './define';

/**
 * What the dashboard shows for a record, in the words of its status column. Each status has a
 * shape and a colour in the UI so it reads without colour vision.
 */
export const recordStatus = z.enum(['valid', 'renewal-due', 'waiting-for-window', 'in-progress', 'polling', 'failed', 'expired', 'manual']);
export type RecordStatus = z.infer<typeof recordStatus>;

/** One row of the records table: everything it sorts and filters on, computed by main. */
export const recordSummarySchema = z.object({
  id: objectId,
  name: z.string(),
  purpose: certificatePurpose,
  commonName: z.string().nullable(),
  status: recordStatus,
  /** The status in a sentence ("Renewal starts in the KUR window at 02:00"). */
  statusDetail: z.string(),
  managedBy: z.enum(['cmp', 'manual']),
  serialNumber: z.string().nullable(),
  notBefore: timestamp.nullable(),
  notAfter: timestamp.nullable(),
  /** When renew-before-expiry is reached for the current certificate. */
  renewAt: timestamp.nullable(),
  profileName: z.string().nullable(),
  serverName: z.string().nullable(),
  openTransaction: z.object({ type: transactionType, state: transactionState }).nullable(),
  lastError: z.string().nullable(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

/** A certificate version without its DER, as lists and timelines need it. */
export const certificateVersionSchema = z.object({
  id: objectId,
  status: z.enum(['current', 'past', 'deleted']),
  origin: z.enum(['ir', 'cr', 'kur', 'p10cr', 'import']),
  serialNumber: z.string(),
  notBefore: timestamp,
  notAfter: timestamp,
  obtainedAt: timestamp,
});
export type CertificateVersion = z.infer<typeof certificateVersionSchema>;

export const recordDetailSchema = z.object({
  record: certificateRecordSchema,
  summary: recordSummarySchema,
  current: certificateSchema.nullable(),
  versions: z.array(certificateVersionSchema),
  transactions: z.array(transactionSchema),
  events: z.array(auditEventSchema),
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

/** RFC 5280 CRLReason values the administrator can pick when revoking. */
export const revocationReason = z.enum(['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation']);
export type RevocationReasonName = z.infer<typeof revocationReason>;

export const exportFormat = z.enum(['pem', 'der', 'chain', 'pkcs12']);
export type ExportFormat = z.infer<typeof exportFormat>;

/** A file for the renderer to save; certificates only, unless a PKCS#12 protected by the passphrase. */
export const exportedFileSchema = z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() });
export type ExportedFile = z.infer<typeof exportedFileSchema>;

/** What a lifecycle action started or did, in a sentence for the inline progress line. */
export const actionOutcomeSchema = z.object({ message: z.string(), transactionId: objectId.nullable() });
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;

const recordIdRequest = z.object({ recordId: objectId }).strict();

export const recordCommands = {
  'records.list': command(z.object({}).strict(), z.object({ records: z.array(recordSummarySchema), generatedAt: timestamp })),
  'records.get': command(recordIdRequest, recordDetailSchema),
  'records.save': command(z.object({ record: certificateRecordSchema }).strict(), certificateRecordSchema),
  'records.delete': command(z.object({ recordIds: z.array(objectId).min(1).max(10_000) }).strict(), z.object({ deleted: z.number().int().min(0) })),
  'records.forceRenew': command(z.object({ recordId: objectId, applyNow: z.boolean() }).strict(), actionOutcomeSchema),
  'records.pollNow': command(recordIdRequest, actionOutcomeSchema),
  'records.reenroll': command(recordIdRequest, actionOutcomeSchema),
  'records.revoke': command(z.object({ recordId: objectId, reason: revocationReason }).strict(), actionOutcomeSchema),
  'records.cancelTransaction': command(recordIdRequest, actionOutcomeSchema),
  'records.export': command(
    z.object({ recordId: objectId, format: exportFormat, passphrase: z.string().max(1024).optional(), legacy: z.boolean().optional() }).strict(),
    exportedFileSchema,
  ),
};

/** A step of a running transaction, pushed as it happens (sent IR, waiting, polled, issued, confirmed). */
export const transactionProgressSchema = z.object({
  recordId: objectId,
  transactionId: objectId.nullable(),
  type: transactionType,
  step: z.string().max(100),
  message: z.string().max(2_000),
  at: timestamp,
  final: z.boolean(),
});
export type TransactionProgress = z.infer<typeof transactionProgressSchema>;

export const recordEvents = {
  /** Records whose state changed; the renderer reloads what it shows of them. */
  'records.changed': event(z.object({ recordIds: z.array(objectId).max(10_000) })),
  'transactions.progress': event(transactionProgressSchema),
};
