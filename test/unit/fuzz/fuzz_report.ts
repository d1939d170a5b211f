import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzStats } from './fuzz_harness';
import { FUZZ_SEED, SOAK } from './prng';

const RESULTS_DIR = join(import.meta.dirname, '../../../bench-results');

/** Writes bench-results/fuzz-<suite>.json and a readable table beside it, and returns the table. */
export function writeFuzzReport(suite: string, stats: FuzzStats[]): string {
  const rows = [
    ['target', 'cases', 'parsed', 'typed errors', 'crashers', 'slowest ms'],
    ...stats.map((s) => [s.target, String(s.cases), String(s.parsed), String(s.typedErrors), String(s.crashers.length), s.slowest.ms.toFixed(1)]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const table = rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const variant = SOAK ? 'full' : 'fast';
  writeFileSync(join(RESULTS_DIR, `fuzz-${suite}.json`), `${JSON.stringify({ suite, variant, seed: FUZZ_SEED, writtenAt: new Date().toISOString(), stats }, null, 2)}\n`);
  const text = `fuzz ${suite} (${variant}, seed ${FUZZ_SEED})\n${table}\n`;
  writeFileSync(join(RESULTS_DIR, `fuzz-${suite}.txt`), text);
  return text;
}
