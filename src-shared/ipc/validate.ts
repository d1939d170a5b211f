import type { z } from 'zod';
import { IpcValidationError } from './errors';

/** Where a payload was checked, so the error says which message was wrong. */
export type PayloadKind = 'request' | 'response' | 'event';

/**
 * Parses an untrusted payload against its schema. Returns the parsed value (unknown keys stripped,
 * so nothing the contract does not declare crosses the boundary) or throws IpcValidationError
 * naming the first offending field.
 */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, kind: PayloadKind, name: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // An unexpected key is named itself, not its parent object.
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : (issue?.path ?? []);
  const field = path.length > 0 ? path.map(String).join('.') : '(payload)';
  const reason = issue?.message ?? 'does not match the contract';
  throw new IpcValidationError(`${name} ${kind}: ${field}: ${reason}`, field);
}
