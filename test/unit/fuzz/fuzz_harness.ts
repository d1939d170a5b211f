import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Where inputs that once escaped as an untyped exception (or ran too long) are kept as regression vectors. */
export const CRASHERS_DIR = join(import.meta.dirname, '../../fixtures/fuzz');

/** One case may take at most this long (a 2-core CI machine under load included); more counts as a hang. */
export const CASE_TIME_BOUND_MS = 2_000;

export interface FuzzTarget<Input> {
  /** Folder name under test/fixtures/fuzz and the row name in the report. */
  name: string;
  /** Runs the code under test; a typed error is a normal outcome. */
  run(input: Input): unknown;
  /** The typed errors of the code under test; anything else is a crasher. */
  isTyped(error: unknown): boolean;
  /** How a crasher is written to disk and read back. */
  serialize(input: Input): Uint8Array;
  deserialize(bytes: Uint8Array): Input;
}

export interface FuzzStats {
  target: string;
  cases: number;
  parsed: number;
  typedErrors: number;
  /** Untyped exceptions and over-time cases; each is written to test/fixtures/fuzz/<target>/. */
  crashers: string[];
  slowest: { ms: number; label: string };
  byError: Record<string, number>;
}

function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown; failure?: unknown }).failure ?? (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name}:${code}` : error.name;
}

function keepCrasher<Input>(target: FuzzTarget<Input>, input: Input, why: string): string {
  const bytes = target.serialize(input);
  const dir = join(CRASHERS_DIR, target.name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.bin`);
  writeFileSync(file, bytes);
  return `${file}: ${why}`;
}

/** Runs every generated case, times it, and classifies the outcome. Never throws for a case. */
export function fuzz<Input>(target: FuzzTarget<Input>, cases: Iterable<{ input: Input; label: string }>): FuzzStats {
  const stats: FuzzStats = { target: target.name, cases: 0, parsed: 0, typedErrors: 0, crashers: [], slowest: { ms: 0, label: '' }, byError: {} };
  for (const { input, label } of cases) {
    stats.cases++;
    const started = performance.now();
    let outcome: 'parsed' | 'typed' | string = 'parsed';
    try {
      target.run(input);
    } catch (error) {
      outcome = target.isTyped(error) ? 'typed' : `untyped ${errorLabel(error)}: ${error instanceof Error ? error.message : String(error)}`;
      stats.byError[errorLabel(error)] = (stats.byError[errorLabel(error)] ?? 0) + 1;
    }
    const ms = performance.now() - started;
    if (ms > stats.slowest.ms) stats.slowest = { ms, label };
    if (outcome === 'parsed') stats.parsed++;
    else if (outcome === 'typed') stats.typedErrors++;
    else stats.crashers.push(keepCrasher(target, input, `${label}: ${outcome}`));
    if (ms > CASE_TIME_BOUND_MS) stats.crashers.push(keepCrasher(target, input, `${label}: took ${ms.toFixed(0)} ms`));
  }
  return stats;
}

/** The regression vectors kept for a target (empty when none was ever found). */
export function keptCrashers<Input>(target: FuzzTarget<Input>): { input: Input; label: string }[] {
  const dir = join(CRASHERS_DIR, target.name);
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.bin')).sort();
  } catch {
    return [];
  }
  return files.map((file) => ({ input: target.deserialize(new Uint8Array(readFileSync(join(dir, file)))), label: `kept ${file}` }));
}
