import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app_session';
import { seedRecords, type SeededRecords } from './seed_records';

const recordCount = 10_000;
let seeded: SeededRecords;

const app = useAppSession({
  async prepareDataDir(dataDir) {
    // The seeding lab CA is stopped again once the records are written: its folder is not needed after.
    const labDir = mkdtempSync(join(tmpdir(), 'cmp-desk-e2e-seed-labca-'));
    try {
      seeded = await seedRecords(dataDir, labDir, recordCount);
    } finally {
      rmSync(labDir, { recursive: true, force: true });
    }
  },
});

describe('the dashboard with 10,000 records (seeded through the store, read by the real web host)', () => {
  it('renders a virtualized table and the counts, filters by search and status, sorts', async () => {
    const page = await app.openApp();
    const count = page.getByTestId('records-count');
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe(`${recordCount} records`);
    const rows = page.getByTestId('records-viewport').getByRole('row');
    // Only the rows in view (plus overscan) are in the DOM.
    await rows.first().waitFor();
    const rendered = await rows.count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(await page.getByTestId('records-table').getAttribute('aria-rowcount')).toBe(String(recordCount + 1));
    const counts = page.getByRole('region', { name: 'Records by status' });
    await counts.getByRole('button', { name: `${seeded.valid} Valid; show only these` }).waitFor();
    await counts.getByRole('button', { name: `${seeded.manual} Manual; show only these` }).waitFor();
    // The timeline shows the first lanes of the list, not 10,000.
    await expect.poll(() => page.getByTestId('timeline-lane').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('timeline-lane').count()).toBeLessThanOrEqual(200);
    await page.screenshot({ path: 'test-results/dashboard-10000.png' });

    // Scrolling to the end brings the last rows into the DOM.
    await page.getByTestId('records-viewport').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.locator('[data-record-name="device-09999"]').waitFor();

    // Search: device-0042x are ten records.
    await page.getByTestId('records-search').fill('device-0042');
    await expect.poll(() => count.textContent()).toBe(`10 of ${recordCount} records`);
    expect(await rows.count()).toBe(10);

    // Status filter on top of an empty search: the manual ones only.
    await page.getByTestId('records-search').fill('');
    await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: 'Manual' }).click();
    await expect.poll(() => count.textContent()).toBe(`${seeded.manual} of ${recordCount} records`);
    const statuses = await rows.locator('.cell-status').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s.includes('Manual'))).toBe(true);
    await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: 'Manual' }).click();
    await expect.poll(() => count.textContent()).toBe(`${recordCount} records`);

    // Sort by name: ascending is the default, a click turns it around.
    const firstName = () => rows.first().getAttribute('data-record-name');
    await page.getByTestId('records-viewport').evaluate((el) => (el.scrollTop = 0));
    await expect.poll(firstName).toBe('device-00004');
    await page.getByRole('columnheader', { name: /Name/ }).getByRole('button').click();
    // The four records enrolled through the lab CA (lab-1..lab-4) sort after the copies.
    await expect.poll(firstName).toBe('lab-4');
    await page.getByRole('columnheader', { name: /Subject CN/ }).getByRole('button').click();
    await expect.poll(firstName).toBe('device-00004');
    await page.close();
  }, 90_000);
});
