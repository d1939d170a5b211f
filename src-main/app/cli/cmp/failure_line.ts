import { CmpTransactionError } from '../../../cmp/transactions';

/**
 * The one line a failed run prints: the error's own message (our typed errors already name what
 * was expected and what came), flattened to a single line. Secrets never reach error messages:
 * only their source (pass:/env:/file:) is ever named.
 */
export function failureLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const flat = message.replace(/\s*\n\s*/g, '; ').trim();
  if (error instanceof CmpTransactionError && error.code === 'timeout' && !/timeout/i.test(flat)) return `timeout: ${flat}`;
  return flat;
}
