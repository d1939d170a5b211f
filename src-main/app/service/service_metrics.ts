import type { MetricFamily } from './prometheus_text';

/** What the engine reports for one scrape; the metrics server asks for it on every request. */
export interface ServiceMetricsSnapshot {
  /** Records per lifecycle state as the administrator sees it (valid, due, renewing, failing, expired…). */
  recordsByState: Readonly<Record<string, number>>;
  /** notAfter of the certificate that expires first, ms since the epoch; null when there is none. */
  earliestExpiryAt: number | null;
  /** Finished CMP transactions since the service started. */
  transactions: readonly { type: string; outcome: string; count: number }[];
  /** How long the last processing tick took; null before the first one. */
  lastTickDurationMs: number | null;
  /** When the last tick finished, ms since the epoch; null before the first one. */
  lastTickAt: number | null;
}

/** Turns one snapshot into the families `/metrics` serves (all names prefixed cmp_desk_). */
export function serviceMetricFamilies(snapshot: ServiceMetricsSnapshot, now: number): MetricFamily[] {
  const families: MetricFamily[] = [
    {
      name: 'cmp_desk_records',
      help: 'Certificate records by lifecycle state.',
      type: 'gauge',
      samples: Object.entries(snapshot.recordsByState).map(([state, value]) => ({ labels: { state }, value })),
    },
    {
      name: 'cmp_desk_transactions_total',
      help: 'Finished CMP transactions since the service started, by type and outcome.',
      type: 'counter',
      samples: snapshot.transactions.map(({ type, outcome, count }) => ({ labels: { type, outcome }, value: count })),
    },
  ];
  if (snapshot.earliestExpiryAt !== null) {
    families.push({
      name: 'cmp_desk_earliest_expiry_seconds',
      help: 'Seconds until the earliest certificate expiry (negative: already expired).',
      type: 'gauge',
      samples: [{ value: Math.round((snapshot.earliestExpiryAt - now) / 1000) }],
    });
  }
  if (snapshot.lastTickDurationMs !== null) {
    families.push({
      name: 'cmp_desk_last_tick_duration_seconds',
      help: 'Duration of the last processing tick.',
      type: 'gauge',
      samples: [{ value: snapshot.lastTickDurationMs / 1000 }],
    });
  }
  if (snapshot.lastTickAt !== null) {
    families.push({
      name: 'cmp_desk_last_tick_timestamp_seconds',
      help: 'Unix time the last processing tick finished.',
      type: 'gauge',
      samples: [{ value: Math.floor(snapshot.lastTickAt / 1000) }],
    });
  }
  return families;
}
