import { z } from 'zod';
import { auditObjectKind } from '../domain';

/** How bad a verify-config finding is: errors stop CMP from working, warnings may, info is advice. */
export const findingSeverity = z.enum(['error', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof findingSeverity>;

/** The configuration object a finding concerns, by kind, id and the name the administrator gave it. */
export const findingObjectSchema = z.object({
  kind: auditObjectKind,
  id: z.string().nullable(),
  name: z.string(),
});
export type FindingObject = z.infer<typeof findingObjectSchema>;

/** One verify-config finding: what is wrong with which object, and how to fix it. */
export const findingSchema = z.object({
  severity: findingSeverity,
  /** Stable identifier of the check (e.g. "server-group-empty"), for scripts and tests. */
  check: z.string().regex(/^[a-z0-9-]+$/),
  object: findingObjectSchema,
  problem: z.string(),
  fix: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

/** The result of one verify-config run. */
export const verifyConfigReportSchema = z.object({
  checkedAt: z.iso.datetime(),
  findings: z.array(findingSchema),
  counts: z.object({ error: z.number().int().min(0), warning: z.number().int().min(0), info: z.number().int().min(0) }),
});
export type VerifyConfigReport = z.infer<typeof verifyConfigReportSchema>;
