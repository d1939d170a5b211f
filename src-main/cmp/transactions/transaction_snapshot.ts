import { z } from 'zod';
import { PKI_BODY_TYPES } from '../asn1/pki_body';
import { PKI_FAILURE_INFO_NAMES } from '../asn1/pki_failure_info';
import { CmpSnapshotError } from './snapshot_error';

export const TRANSACTION_KINDS = ['ir', 'cr', 'kur', 'p10cr', 'genm', 'rr'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

const TRANSACTION_STATES = ['preparing', 'sent', 'waiting', 'polling', 'received', 'confirming', 'confirmed', 'completed', 'rejected', 'failed'] as const;

/**
 * The format written today. Version 2 added `issued.refusal.by`; a version 1 snapshot reads as
 * version 2 without it (every refusal then was the engine's). Other versions are refused with
 * CmpSnapshotError.
 */
export const TRANSACTION_SNAPSHOT_VERSION = 2;
const READABLE_VERSIONS = [1, TRANSACTION_SNAPSHOT_VERSION] as const;

/** Bounds that keep a corrupt snapshot from costing more than a real one ever can. */
const MAX_MESSAGE_BASE64 = 1_400_000;
const MAX_CERTIFICATE_BASE64 = 200_000;
const MAX_CERTIFICATES = 16;

const base64 = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'not base64')
    .refine((text) => text.length > 0, 'empty');
const octets = base64(256);
const certificate = base64(MAX_CERTIFICATE_BASE64);
const isoTime = z.iso.datetime({ offset: true });

/**
 * The last protected message put on the wire, byte for byte, so a resumed transaction can
 * retransmit exactly what the server may already have seen.
 */
const lastRequestSchema = z.object({
  type: z.enum(PKI_BODY_TYPES),
  der: base64(MAX_MESSAGE_BASE64),
  /** True once the resumed transaction sent it a second time; a message is retransmitted at most once. */
  retransmitted: z.boolean(),
});

/** The certificate the CA issued, kept from `received` on so certConf can be (re)sent after a restart. */
const issuedSchema = z.object({
  certificate,
  /** Leaf first, trust anchor last; empty for a certificate we refuse. */
  chain: z.array(certificate).max(MAX_CERTIFICATES),
  caPubs: z.array(certificate).max(MAX_CERTIFICATES),
  warnings: z.array(z.string().max(4096)).max(32),
  implicitConfirmGranted: z.boolean(),
  /** Present when we refuse the certificate: certConf carries rejection with these. */
  refusal: z
    .object({
      failInfo: z.array(z.enum(PKI_FAILURE_INFO_NAMES)).max(27),
      reason: z.string().max(4096),
      /** Who refused: the engine's checks or the request's accept hook; absent (version 1) means the engine. */
      by: z.enum(['engine', 'caller']).optional(),
    })
    .optional(),
});

/**
 * Everything needed to journal a transaction and resume it after a crash, as plain JSON: byte
 * strings are base64, times ISO 8601. Stable: fields are only ever added under a new version.
 */
export const transactionSnapshotSchema = z.object({
  version: z.literal(READABLE_VERSIONS).transform(() => TRANSACTION_SNAPSHOT_VERSION),
  kind: z.enum(TRANSACTION_KINDS),
  state: z.enum(TRANSACTION_STATES),
  transactionId: octets,
  /** Our senderNonce of the last message sent. */
  lastSenderNonce: octets.optional(),
  /** The server's senderNonce of the last message received: our next recipNonce. */
  lastRecipNonce: octets.optional(),
  certReqId: z.number().int().min(-1).max(2 ** 31 - 1),
  startedAt: isoTime,
  /** When the next pollReq is due (state waiting). */
  nextPollAt: isoTime.optional(),
  pollAttempts: z.number().int().min(0).max(1_000_000),
  lastRequest: lastRequestSchema.optional(),
  issued: issuedSchema.optional(),
  /** Why the transaction ended in rejected or failed, or paused. */
  error: z.object({ code: z.string().max(100), message: z.string().max(10_000) }).optional(),
});

export type TransactionSnapshot = z.infer<typeof transactionSnapshotSchema>;
export type IssuedSnapshot = z.infer<typeof issuedSchema>;
export type LastRequestSnapshot = z.infer<typeof lastRequestSchema>;

/** Checks a snapshot read back from the journal (already JSON-parsed); never throws anything but CmpSnapshotError. */
export function parseTransactionSnapshot(value: unknown): TransactionSnapshot {
  const result = transactionSnapshotSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join('.');
  if (field === 'version') return refuseVersion(value);
  throw new CmpSnapshotError(issue.message, field);
}

/** Parses and checks the journal's JSON text of a snapshot. */
export function readTransactionSnapshot(json: string): TransactionSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new CmpSnapshotError('not valid JSON', '', { cause: error });
  }
  return parseTransactionSnapshot(value);
}

function refuseVersion(value: unknown): never {
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  throw new CmpSnapshotError(`version ${JSON.stringify(version) ?? 'missing'} is not supported; this build reads versions ${READABLE_VERSIONS.join(' and ')}`, 'version');
}

export const toBase64 = (bytes: Uint8Array | ArrayBuffer): string => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64');

/** Bytes of a base64 field the schema has already checked. */
export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
