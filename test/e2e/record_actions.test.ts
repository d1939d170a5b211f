import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { wellKnownCmpPath, type LabCa } from '../../src-main/labca';
import { useAppSession } from './app_session';
import { enrollLabRecords, startSeedLabCa } from './seed_records';

/**
 * Actions on an enrolled record and the notifications they cause, against a lab CA the test runs
 * (so its admin API can make it refuse): lab-1 and lab-2 are enrolled through the real engine
 * before the web host opens the data folder.
 *
 * The web host shows at most 3 notifications a minute one by one (then a summary): these tests
 * cause exactly 3, one "Certificate renewed" and one "Renewal failed" + "Certificate renewed".
 */
let lab: LabCa | undefined;
let labDir: string | undefined;

const app = useAppSession({
  async prepareDataDir(dataDir) {
    labDir = mkdtempSync(join(tmpdir(), 'cmp-desk-e2e-actions-labca-'));
    lab = await startSeedLabCa(labDir);
    await enrollLabRecords(dataDir, lab, 2, () => undefined);
  },
});

afterAll(async () => {
  await lab?.stop();
  if (labDir) rmSync(labDir, { recursive: true, force: true });
});

/** Opens the record's certificate detail from the Certificates section; resolves with its current serial. */
async function openRecord(page: Page, name: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Certificates', exact: true }).click();
  await page.getByTestId('records-table').getByRole('button', { name, exact: true }).click();
  await page.getByTestId('certificate-detail').getByRole('heading', { name, level: 2 }).waitFor();
  const serial = (await page.getByTestId('current-serial').textContent()) ?? '';
  expect(serial).toMatch(/^[0-9a-f]+$/);
  return serial;
}

const notice = (page: Page, title: string) => page.getByRole('status', { name: 'Notifications' }).getByTestId('notice').filter({ hasText: title });

describe('Re-enroll (IR) on a record, against the real lab CA', () => {
  it('issues a new certificate: the detail shows its serial, the old one becomes a past bar, the lane gets the IR and a notification tells', async () => {
    const page = await app.openApp();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Certificates', exact: true }).click();
    await page.getByTestId('records-table').locator('[data-record-name="lab-2"]').waitFor();
    await page.screenshot({ path: 'test-results/section-certificates.png', fullPage: true });
    const oldSerial = await openRecord(page, 'lab-1');
    const lane = page.getByTestId('timeline').locator('[data-record="lab-1"]');
    await lane.locator(`[data-testid="bar-current"][data-serial="${oldSerial}"]`).waitFor();
    const forcedIr = lane.getByTestId('event-marker').filter({ hasText: 'IR sent (force renew)' });
    expect(await forcedIr.count()).toBe(0);

    await page.getByRole('button', { name: 'Re-enroll (IR)' }).click();
    await page.getByTestId('action-outcome').getByText('Re-enrollment (IR) started').waitFor();
    await lane.locator(`[data-testid="bar-past"][data-serial="${oldSerial}"]`).waitFor({ timeout: 30_000 });
    const newSerial = (await lane.getByTestId('bar-current').getAttribute('data-serial')) ?? '';
    expect(newSerial).not.toBe(oldSerial);
    await page.getByTestId('current-serial').filter({ hasText: newSerial }).waitFor();
    await forcedIr.waitFor();
    expect(await lane.locator('.marker-confirmed').count()).toBeGreaterThanOrEqual(2);
    // The lab CA issued exactly that certificate, for lab-1's subject.
    const issued = lab!.admin.certificates().find((c) => c.serialHex.toLowerCase() === newSerial);
    expect(issued?.subject).toContain('lab-1.cmp-desk.test');
    await page.getByTestId('versions').getByText(oldSerial).waitFor();

    const renewed = notice(page, 'Certificate renewed');
    await renewed.getByText(`New certificate ${newSerial} for "lab-1"`).waitFor();
    await page.screenshot({ path: 'test-results/reenroll.png', fullPage: true });
    // The notice overlays the page corner: dismissed, the lane is seen whole.
    await renewed.getByRole('button', { name: 'Dismiss: Certificate renewed' }).click();
    await renewed.waitFor({ state: 'detached' });
    await page.getByTestId('timeline').screenshot({ path: 'test-results/reenroll-timeline.png' });
    await page.close();
  }, 60_000);
});

describe('the notification area (web host), fed by the lifecycle engine', () => {
  it('a refused request shows "Renewal failed" with the reason; dismissed it stays away, later notices still come, and the audit log keeps it', async () => {
    const page = await app.openApp();
    await openRecord(page, 'lab-2');
    lab!.admin.setKnobs(wellKnownCmpPath, { appliesTo: ['ir'], reject: { failInfo: ['badRequest'], text: 'the e2e test refuses this request' } });
    await page.getByRole('button', { name: 'Re-enroll (IR)' }).click();

    const failed = notice(page, 'Renewal failed');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toMatch(/Certificate request for "lab-2" failed \(1 in a row\): .*the e2e test refuses this request/);
    await page.screenshot({ path: 'test-results/notification-area.png' });

    await page.getByRole('button', { name: 'Dismiss: Renewal failed' }).click();
    await failed.waitFor({ state: 'detached' });

    // The next notification arrives; the dismissed one does not come back with it.
    lab!.admin.setKnobs(wellKnownCmpPath, {});
    await page.getByRole('button', { name: 'Re-enroll (IR)' }).click();
    const renewed = notice(page, 'Certificate renewed').filter({ hasText: '"lab-2"' });
    await renewed.waitFor({ timeout: 30_000 });
    expect(await failed.count()).toBe(0);

    // "Open the record" from elsewhere lands on the record and dismisses the notice.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await renewed.getByRole('button', { name: 'Open the record' }).click();
    await page.getByTestId('certificate-detail').getByRole('heading', { name: 'lab-2', level: 2 }).waitFor();
    await renewed.waitFor({ state: 'detached' });

    // Notices live in the page; after a reload the failure is not shown again, the audit log has it.
    await page.reload();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Activity', exact: true }).click();
    await page.getByTestId('audit-table').getByText(/^lab-2: .*the e2e test refuses this request/).waitFor();
    expect(await failed.count()).toBe(0);
    await page.close();
  }, 60_000);
});
