/**
 * When a failed attempt is retried. reference/000 retries a failed IR at every processing tick and a
 * KUR whose certificate was rejected for a too short validity after one hour plus a tick; other
 * failures back off from one tick, doubling, to at most `maxBackoffMs`, so a CA that is down for
 * days is not hammered, yet a certificate is still retried many times before it expires.
 */
export const maxBackoffMs = 60 * 60_000;
export const shortValidityKurRetryMs = 60 * 60_000;

export interface RetryInput {
  /** Failures in a row, this one included (>= 1). */
  failures: number;
  processingIntervalMs: number;
  kind: 'ir' | 'kur';
  /** The CA issued a certificate valid shorter than renew-before-expiry and we rejected it. */
  shortValidity: boolean;
  /** The current certificate's end: retries never wait past it. */
  notAfter: number | null;
}

/** The earliest time the next attempt may start, `now` + delay. */
export function nextRetryAt(now: number, input: RetryInput): number {
  let delay: number;
  if (input.shortValidity) delay = input.kind === 'kur' ? shortValidityKurRetryMs + input.processingIntervalMs : input.processingIntervalMs;
  else delay = Math.min(maxBackoffMs, input.processingIntervalMs * 2 ** Math.max(0, Math.min(input.failures - 1, 20)));
  const at = now + delay;
  return input.notAfter !== null && input.notAfter > now ? Math.min(at, Math.max(now + input.processingIntervalMs, input.notAfter - input.processingIntervalMs)) : at;
}
