import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchResult } from './benchmark';
import { writeSummary } from './summary';

/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name> [args…]` runs one (args go to it).
 * Each result is written to bench-results/<name>.json and shown as a table; after a full run (or with
 * `npm run bench -- summary`) bench-results/summary.json and the README table are refreshed. Exit code 1 when a
 * benchmark fails to run; a missed target is reported, not an error (the figures are the result).
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUNNER_FILES = new Set(['run.ts', 'benchmark.ts', 'summary.ts']);
const RESULTS_DIR = path.resolve(HERE, '../../bench-results');

async function discoverBenchmarks(): Promise<Benchmark[]> {
  const files = (await readdir(HERE)).filter((file) => file.endsWith('.ts') && !RUNNER_FILES.has(file)).sort();
  const found: Benchmark[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(HERE, file)).href)) as { benchmark?: Benchmark };
    if (module.benchmark) found.push(module.benchmark);
  }
  return found;
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

function report(result: BenchResult): string {
  const parameters = Object.entries(result.parameters).map(([key, value]) => `${key}=${value}`).join(' ');
  const lines = [`== ${result.name} (${(result.durationMs / 1000).toFixed(1)} s) ${parameters}`];
  lines.push(table([['metric', 'value', 'unit'], ...result.metrics.map((m) => [m.name, formatValue(m.value), m.unit])]));
  if (result.targets.length) {
    lines.push('', table([['target', 'value', 'goal', 'met'], ...result.targets.map((t) => [t.name, formatValue(t.value), `>= ${t.atLeast}`, t.met ? 'yes' : 'NO'])]));
  }
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const all = await discoverBenchmarks();
  const [name, ...args] = argv;
  if (name === 'summary') {
    process.stdout.write(`${await writeSummary(RESULTS_DIR)}\n`);
    return 0;
  }
  const selected = name === undefined ? all : all.filter((b) => b.name === name);
  if (selected.length === 0) {
    process.stderr.write(`cmp-desk bench: no benchmark named "${name}"; known: ${all.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  await mkdir(RESULTS_DIR, { recursive: true });
  let failed = false;
  for (const benchmark of selected) {
    process.stdout.write(`running ${benchmark.name}: ${benchmark.description}\n`);
    try {
      const result = await benchmark.run(name === undefined ? [] : args);
      const file = path.join(RESULTS_DIR, `${benchmark.name}.json`);
      await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(`${report(result)}\nwritten: ${path.relative(process.cwd(), file)}\n\n`);
    } catch (error) {
      failed = true;
      process.stderr.write(`${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
  if (name === undefined) process.stdout.write(`== summary\n${await writeSummary(RESULTS_DIR)}\nwritten: bench-results/summary.json\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
