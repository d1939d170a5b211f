/** One measured figure of a benchmark run. */
export interface BenchMetric {
  name: string;
  value: number;
  unit: string;
}

/** A figure held against the goal the team set for it. */
export interface BenchTarget {
  name: string;
  value: number;
  /** The figure must be at least this. */
  atLeast: number;
  met: boolean;
}

/** What a benchmark reports; the runner writes it to bench-results/<name>.json as it is. */
export interface BenchResult {
  name: string;
  startedAt: string;
  durationMs: number;
  /** The knobs of this run (counts, algorithms), so two result files can be compared. */
  parameters: Record<string, string | number | boolean>;
  metrics: BenchMetric[];
  targets: BenchTarget[];
  /** Observations for the reader, e.g. where the time went when a target was missed. */
  notes: string[];
}

/**
 * A named benchmark. Each file test/bench/<name>.ts (other than the runner's own files) exports one
 * as `benchmark`; the runner finds it there, so adding a benchmark needs no change to the runner.
 */
export interface Benchmark {
  name: string;
  description: string;
  /** `args` are the command-line words after the benchmark name. */
  run(args: readonly string[]): Promise<BenchResult>;
}

export function target(name: string, value: number, atLeast: number): BenchTarget {
  return { name, value, atLeast, met: value >= atLeast };
}
