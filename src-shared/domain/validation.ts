import type { z } from 'zod';

/**
 * A value that does not match its domain schema. The message lists every offending field by its
 * path (`cmpServer.messageTimeoutSeconds: …`) so the administrator knows what to fix.
 */
export class DomainValidationError extends Error {
  readonly name = 'DomainValidationError';
  constructor(
    /** What was being validated, in the administrator's words ("CMP server", "certificate record"). */
    readonly subject: string,
    /** One entry per problem: the field path and what is wrong with it. */
    readonly problems: readonly { field: string; message: string }[],
  ) {
    super(`Invalid ${subject}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

/** Parses `value` with `schema`, throwing a DomainValidationError that names every bad field. */
export function parseDomain<S extends z.ZodType>(schema: S, value: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(value)',
    message: issue.message,
  }));
  throw new DomainValidationError(subject, problems);
}
