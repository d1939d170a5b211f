import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabCa } from '../../src-main/labca';
import { useAppSession } from './app_session';
import { enrollLabRecords, startSeedLabCa } from './seed_records';

/** The record detail's Deployment panel, against the web host and a lab CA: lab-1 is enrolled before the host opens the data folder. */
let lab: LabCa | undefined;
let labDir: string | undefined;
const outside = mkdtempSync(join(tmpdir(), 'cmp-desk-e2e-deploy-'));

const app = useAppSession({
  async prepareDataDir(dataDir) {
    labDir = mkdtempSync(join(tmpdir(), 'cmp-desk-e2e-deploy-labca-'));
    lab = await startSeedLabCa(labDir);
    await enrollLabRecords(dataDir, lab, 1, () => undefined);
  },
});

afterAll(async () => {
  await lab?.stop();
  if (labDir) rmSync(labDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const pemOf = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

describe('the Deployment panel of a record', () => {
  it('refuses a relative folder at the field, saves an absolute one, and a force renew writes the files there', async () => {
    const page = await app.openApp();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Certificates', exact: true }).click();
    await page.getByTestId('records-table').getByRole('button', { name: 'lab-1', exact: true }).click();
    const panel = page.getByTestId('deployment');
    await panel.getByText('Nothing is deployed.').waitFor();

    const field = panel.getByTestId('deploy-folder');
    await field.fill('certs/lab-1');
    await panel.getByText('must be an absolute path to a folder').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    const folder = join(outside, 'devices', 'lab-1');
    await field.fill(folder);
    await panel.getByTestId('deploy-folder-save').click();
    await panel.getByTestId('deploy-where').filter({ hasText: `written to ${folder} after each renewal` }).waitFor();
    expect(existsSync(folder)).toBe(false);

    const before = (await page.getByTestId('current-serial').textContent()) ?? '';
    await page.getByTestId('force-renew').click();
    await page.getByRole('radio', { name: 'At once' }).check();
    await page.getByTestId('confirm-renew').click();
    // The outcome line appears when main answered the force renew, which is after the deployment ran.
    await page.getByTestId('action-outcome').locator('.ok-text').waitFor({ timeout: 30_000 });
    await page.getByTestId('current-serial').filter({ hasNotText: before }).waitFor();
    const serial = (await page.getByTestId('current-serial').textContent()) ?? '';
    expect(lab!.admin.certificates().filter((c) => c.confirmed).map((c) => c.serialHex.toLowerCase())).toContain(serial);
    // Deployment runs after the certificate is put into use and sends no event of its own when it succeeds.
    const expected = pemOf(lab!.admin.certificates().find((c) => c.serialHex.toLowerCase() === serial)!.certificate);
    await expect.poll(() => (existsSync(join(folder, 'fullchain.pem')) ? readFileSync(join(folder, 'cert.pem'), 'utf8') : ''), { timeout: 10_000 }).toBe(expected);
    expect(readdirSync(folder).sort()).toEqual(['cert.pem', 'chain.pem', 'fullchain.pem', 'key.pem']);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, 'key.pem')).mode & 0o777).toBe(0o600);
    await panel.screenshot({ path: 'test-results/deploy-folder.png' });
    await page.close();
  }, 60_000);
});
