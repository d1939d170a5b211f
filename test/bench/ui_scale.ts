import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { seedRecords } from '../e2e/seed_records';
import { buildApp, freshDataDir, startWebHostProcess } from '../e2e/web_host_process';
import { target, type Benchmark, type BenchResult } from './benchmark';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Types `text` into the search box the way a keystroke does (React's input event) and measures in
 * the page until the next frame after the update was painted.
 */
function timedSearch(page: Page, text: string): Promise<number> {
  return page.evaluate(async (value) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="records-search"]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const started = performance.now();
    setValue.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - started;
  }, text);
}

/** Clicks a button found by selector and measures until the frame after the update. */
function timedClick(page: Page, selector: string): Promise<number> {
  return page.evaluate(async (css) => {
    const button = document.querySelector<HTMLButtonElement>(css)!;
    const started = performance.now();
    button.click();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - started;
  }, selector);
}

/**
 * Opens the certificate detail of the `index`-th rendered row (its name button) and measures until
 * the frame in which the detail shows that record (records.get and certificates.get answered).
 */
function timedDetailOpen(page: Page, index: number): Promise<number> {
  return page.evaluate(async (i) => {
    const row = document.querySelectorAll<HTMLElement>('[data-testid="records-viewport"] [role="row"]')[i];
    const name = row.dataset.recordName!;
    const started = performance.now();
    row.querySelector<HTMLButtonElement>('.cell-name button')!.click();
    while (document.getElementById('detail-title')?.textContent !== name) await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - started;
  }, index);
}

/** The startTime of a User Timing mark the renderer set (ms since navigation start). */
async function markAt(page: Page, name: string): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n, 'mark').length > 0, name, { timeout: 60_000 });
  return page.evaluate((n) => performance.getEntriesByName(n, 'mark')[0].startTime, name);
}

/**
 * 10,000 records in the real web host, measured inside Chromium: first render of the dashboard,
 * search and status filtering, timeline zoom. `npm run bench -- ui-scale [records]`; needs the
 * keychain (run it through scripts/with-keyring.sh on a machine without a desktop session).
 */
export const benchmark: Benchmark = {
  name: 'ui-scale',
  description: 'dashboard with 10,000 records in Chromium: first render, filter, timeline zoom (User Timing marks)',
  async run(args) {
    const records = Number(args[0] ?? 10_000);
    const started = Date.now();
    buildApp();
    const dataDir = freshDataDir();
    const labDir = mkdtempSync(join(tmpdir(), 'cmp-desk-bench-ui-labca-'));
    const seedStart = performance.now();
    await seedRecords(dataDir, labDir, records);
    const seedMs = performance.now() - seedStart;
    const host = await startWebHostProcess(dataDir);
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(host.url);
      const loadedAt = await markAt(page, 'cmp-desk:records-loaded');
      const renderedAt = await markAt(page, 'cmp-desk:records-table-rendered');
      const timelineAt = await markAt(page, 'cmp-desk:timeline-rendered');
      const firstRenderMs = renderedAt - loadedAt;

      const filter: number[] = [];
      for (const text of ['device-0', 'device-004', 'device-0042', 'fleet', 'device-09', '']) filter.push(await timedSearch(page, text));
      const filterMs = median(filter);
      const statusFilter: number[] = [];
      for (let i = 0; i < 4; i++) statusFilter.push(await timedClick(page, '[aria-label="Filter by status"] button:nth-child(8)'));
      const statusFilterMs = median(statusFilter);
      const sort: number[] = [];
      for (let i = 0; i < 4; i++) sort.push(await timedClick(page, '.records-head .cell-commonName button'));
      const sortMs = median(sort);
      const zoom: number[] = [];
      for (const level of ['year', 'day', 'week', 'month', 'year', 'month']) zoom.push(await timedClick(page, `[data-zoom="${level}"]`));
      const zoomMs = median(zoom);
      const lanes = await page.locator('[data-testid="timeline-lane"]').count();
      const rows = await page.locator('[data-testid="records-viewport"] [role="row"]').count();
      const detail: number[] = [];
      for (const index of [0, 3, 1, 4, 2]) detail.push(await timedDetailOpen(page, index));
      const detailOpenMs = median(detail);
      await page.close();

      const result: BenchResult & Record<string, unknown> = {
        name: 'ui-scale',
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        parameters: { records, browser: 'Debian chromium (headless)' },
        firstRenderMs,
        pageLoadToTableMs: renderedAt,
        detailOpenMs,
        filterMs,
        statusFilterMs,
        sortMs,
        zoomMs,
        metrics: [
          { name: 'first render: list in the store -> table rendered', value: firstRenderMs, unit: 'ms' },
          { name: 'navigation start -> table rendered (incl. records.list)', value: renderedAt, unit: 'ms' },
          { name: 'navigation start -> records.list answered', value: loadedAt, unit: 'ms' },
          { name: 'navigation start -> timeline rendered', value: timelineAt, unit: 'ms' },
          { name: 'row clicked -> its certificate detail shown (median of 5)', value: detailOpenMs, unit: 'ms' },
          { name: 'search keystroke -> painted (median of 6)', value: filterMs, unit: 'ms' },
          { name: 'status filter click -> painted (median of 4)', value: statusFilterMs, unit: 'ms' },
          { name: 'sort click -> painted (median of 4)', value: sortMs, unit: 'ms' },
          { name: 'timeline zoom click -> painted (median of 6)', value: zoomMs, unit: 'ms' },
          { name: 'table rows in the DOM', value: rows, unit: 'rows' },
          { name: 'timeline lanes in the DOM', value: lanes, unit: 'lanes' },
          { name: `seeding ${records} records`, value: seedMs, unit: 'ms' },
        ],
        targets: [
          target('first render: ms below the 1 s budget', 1000 - firstRenderMs, 0),
          target('page load to table: ms below the 1.5 s budget', 1500 - renderedAt, 0),
          target('detail open: ms below the 200 ms budget', 200 - detailOpenMs, 0),
          target('filter: ms below the 100 ms budget', 100 - filterMs, 0),
        ],
        notes: [
          'Times are measured inside Chromium with performance.now() and the renderer\'s User Timing marks; each action is timed until the second animation frame after it, i.e. after paint.',
          'firstRenderMs starts when records.list has answered; the navigation-start figures add the IPC round trip and main building 10,000 summaries.',
          'Wall-clock figures depend on machine load; compare runs on an idle machine.',
        ],
      };
      return result;
    } finally {
      await browser.close();
      await host.stop();
      rmSync(labDir, { recursive: true, force: true });
    }
  },
};
