import { z } from 'zod';
import { PKI_FAILURE_INFO_NAMES, type PKIFailureInfoName } from '../cmp/asn1';

/** CMP request body types a knob can be limited to. */
export const requestKinds = ['ir', 'cr', 'kur', 'p10cr', 'certConf', 'pollReq', 'genm', 'rr'] as const;
export type RequestKind = (typeof requestKinds)[number];

export type FailInfoName = PKIFailureInfoName;

/**
 * Misbehaviours a test can switch on for one CMP path, to drive a client into each of its error
 * states. All off by default; a knob stays on until the test changes the knobs again.
 */
export const testKnobsSchema = z.object({
  /** Only these request kinds are affected (default: all). */
  appliesTo: z.array(z.enum(requestKinds)).optional(),
  /** Answer a certificate request with `waiting` N times (ip waiting, then N-1 pollRep) before delivering. */
  waitingCount: z.number().int().min(0).max(1000).optional(),
  /** checkAfter seconds in pollRep (default 1). */
  checkAfterSeconds: z.number().int().min(0).max(86400).optional(),
  /** Wait this long before answering. */
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Refuse with status rejection and these failInfo bits. */
  reject: z.object({ failInfo: z.array(z.enum(PKI_FAILURE_INFO_NAMES)).min(1), text: z.string().max(500).optional() }).optional(),
  /** Break the HTTP exchange instead of answering. */
  httpFailure: z.enum(['status-500', 'close-connection', 'garbage', 'truncated']).optional(),
  wrongTransactionId: z.boolean().optional(),
  wrongRecipNonce: z.boolean().optional(),
  /** Corrupt the protection bits of the response. */
  badProtection: z.boolean().optional(),
  /** Issue certificates valid only this many seconds. */
  shortValiditySeconds: z.number().int().min(1).max(86400 * 365).optional(),
  /** Issue the certificate for a freshly generated key instead of the requested one. */
  issueForOtherKey: z.boolean().optional(),
}).strict();

export type TestKnobs = z.infer<typeof testKnobsSchema>;

/** True when the knobs affect a request of this kind. */
export function knobsApply(knobs: TestKnobs, kind: RequestKind): boolean {
  return !knobs.appliesTo || knobs.appliesTo.includes(kind);
}
