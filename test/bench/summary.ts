import { readFile, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import type { BenchResult } from './benchmark';

/**
 * bench-results/summary.json: the headline figure of every benchmark under one stable key, plus the
 * machine they were measured on, so runs on different machines can be compared. A benchmark whose
 * result file is missing shows null. The same table goes into README.md between the markers.
 */
export interface BenchSummary {
  writtenAt: string;
  cmpThroughput: { ratioVsOpensslLoop: number | null; ratioVsOpensslRepeat: number | null };
  labcaEnroll: { perSecond: number | null; seconds1000: number | null };
  lifecycleScale: { idleTickMs: number | null; rssMb: number | null };
  uiScale: { firstRenderMs: number | null; filterMs: number | null };
  machine: { cores: number; cpuModel: string; memoryGb: number; freeMemoryGb: number; loadAverage1m: number; node: string; platform: string };
  /** When each figure was measured (the benchmarks run separately and at different times). */
  measuredAt: Record<string, string | null>;
}

type Loaded = BenchResult & Record<string, unknown>;

async function load(dir: string, name: string): Promise<Loaded | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8')) as Loaded;
  } catch {
    return null;
  }
}

/** The value of the metric whose name starts with `prefix`. */
function metric(result: Loaded | null, prefix: string): number | null {
  return result?.metrics.find((m) => m.name.startsWith(prefix))?.value ?? null;
}

const ratio = (a: number | null, b: number | null) => (a !== null && b ? a / b : null);
const round = (value: number | null, digits = 2) => (value === null ? null : Number(value.toFixed(digits)));

export async function buildSummary(dir: string): Promise<BenchSummary> {
  const [cmp, labca, lifecycle, ui] = await Promise.all(['cmp-throughput', 'labca-enroll', 'lifecycle-scale', 'ui-scale'].map((name) => load(dir, name)));
  const engine = metric(cmp, '(a) cmp-desk engine');
  // labca-enroll measures concurrency 1 and 16; the better one is what the lab CA sustains.
  const perSecond = [metric(labca, 'c1 enrollments/s'), metric(labca, 'c16 enrollments/s')].filter((v): v is number => v !== null);
  const best = perSecond.length ? Math.max(...perSecond) : null;
  return {
    writtenAt: new Date().toISOString(),
    cmpThroughput: {
      ratioVsOpensslLoop: round(ratio(engine, metric(cmp, '(b) openssl cmp, one process per cert'))),
      ratioVsOpensslRepeat: round(ratio(engine, metric(cmp, '(c) openssl cmp -repeat'))),
    },
    labcaEnroll: { perSecond: round(best, 1), seconds1000: round(best ? 1000 / best : null, 1) },
    lifecycleScale: { idleTickMs: round(metric(lifecycle, 'idle tick (median'), 1), rssMb: round(metric(lifecycle, 'main-process RSS when idle'), 0) },
    uiScale: { firstRenderMs: round((ui?.firstRenderMs as number | undefined) ?? null, 1), filterMs: round((ui?.filterMs as number | undefined) ?? null, 1) },
    machine: {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: round(totalmem() / 2 ** 30, 1)!,
      freeMemoryGb: round(freemem() / 2 ** 30, 1)!,
      loadAverage1m: round(loadavg()[0], 2)!,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    measuredAt: { cmpThroughput: cmp?.startedAt ?? null, labcaEnroll: labca?.startedAt ?? null, lifecycleScale: lifecycle?.startedAt ?? null, uiScale: ui?.startedAt ?? null },
  };
}

/** The summary as a Markdown table (README) — also readable as plain text. */
export function summaryTable(summary: BenchSummary): string {
  const show = (value: number | null, unit: string) => (value === null ? 'not measured' : `${value} ${unit}`.trim());
  const rows: [string, string, string][] = [
    ['cmpThroughput.ratioVsOpensslLoop', show(summary.cmpThroughput.ratioVsOpensslLoop, 'x'), 'our engine vs. one `openssl cmp` process per certificate'],
    ['cmpThroughput.ratioVsOpensslRepeat', show(summary.cmpThroughput.ratioVsOpensslRepeat, 'x'), 'our engine vs. `openssl cmp -repeat N`'],
    ['labcaEnroll.perSecond', show(summary.labcaEnroll.perSecond, '/s'), 'IR + certConf against the lab CA'],
    ['labcaEnroll.seconds1000', show(summary.labcaEnroll.seconds1000, 's'), '1,000 enrollments'],
    ['lifecycleScale.idleTickMs', show(summary.lifecycleScale.idleTickMs, 'ms'), 'processing tick over 10,000 records, nothing due'],
    ['lifecycleScale.rssMb', show(summary.lifecycleScale.rssMb, 'MB'), 'main-process RSS with 10,000 records, idle'],
    ['uiScale.firstRenderMs', show(summary.uiScale.firstRenderMs, 'ms'), 'records table with 10,000 records, first render'],
    ['uiScale.filterMs', show(summary.uiScale.filterMs, 'ms'), 'search keystroke to painted'],
  ];
  const m = summary.machine;
  return [
    '| figure | value | what |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}, ${m.platform}; load average ${m.loadAverage1m} when the summary was written (${summary.writtenAt}).`,
  ].join('\n');
}

const START = '<!-- bench-summary:start -->';
const END = '<!-- bench-summary:end -->';

/** Writes summary.json and summary.md into `dir` and refreshes README.md's table; returns the table. */
export async function writeSummary(dir: string, readme = path.resolve(dir, '../README.md')): Promise<string> {
  const summary = await buildSummary(dir);
  const table = summaryTable(summary);
  await writeFile(path.join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(path.join(dir, 'summary.md'), `${table}\n`);
  const text = await readFile(readme, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start >= 0 && end > start) await writeFile(readme, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
  return table;
}
