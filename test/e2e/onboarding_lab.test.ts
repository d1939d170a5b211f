import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabCa } from '../../src-main/labca';
import { useAppSession } from './app_session';

const app = useAppSession();

describe('onboarding with the built-in lab CA (real engine, store, keychain and lab CA)', () => {
  it('a garbage file in step 1 shows a clear error and the wizard stays usable', async () => {
    const page = await app.openApp();
    await page.getByTestId('wizard').waitFor();
    await page.screenshot({ path: 'test-results/wizard-step1.png' });
    await page.getByRole('textbox', { name: 'Root CA certificate: paste PEM' }).fill('this is not a certificate');
    await page.getByRole('button', { name: 'Check pasted text' }).click();
    await expect.poll(() => page.getByTestId('root-import-error').first().textContent()).toMatch(/not a certificate file cmp-desk can read/);
    // A leaf certificate is not a CA: a clear refusal too.
    const garbage = join(app.host.dataDir, 'garbage.der');
    writeFileSync(garbage, Buffer.from([0x30, 0x82, 0x01, 0x00, 0x01, 0x02]));
    await page.getByLabel('Root CA certificate: choose a PEM, DER or PKCS#7 file').setInputFiles(garbage);
    await expect.poll(() => page.getByTestId('root-import-error').first().textContent()).toMatch(/PEM, DER or a PKCS#7/);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('step-problems').getByText('Import the root CA certificate first').waitFor();
    await page.screenshot({ path: 'test-results/wizard-step1-error.png' });
    await page.close();
  }, 60_000);

  it('the lab path ends with an issued certificate on the dashboard and the timeline; a wrong secret is reported in plain words', async () => {
    const page = await app.openApp();
    await page.getByTestId('wizard').waitFor();
    await page.getByTestId('use-lab-ca').click();
    await page.getByRole('heading', { name: /Step 6 of 7/ }).waitFor();
    await page.screenshot({ path: 'test-results/wizard-step6-lab.png' });

    // Back to step 4: the wrong secret is refused by the server, in plain words.
    await page.getByRole('button', { name: /Authentication key/ }).click();
    await page.getByTestId('iak-secret').fill('definitely-the-wrong-secret');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('connection-result').textContent(), { timeout: 20_000 }).toMatch(/The CMP server rejected the request/);
    await page.screenshot({ path: 'test-results/wizard-step4-wrong-secret.png' });
    // The stored lab secret works.
    await page.getByTestId('iak-secret').fill('');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('connection-result').textContent(), { timeout: 20_000 }).toMatch(/Connection works/);

    for (let step = 4; step < 7; step++) await page.getByTestId('wizard-next').click();
    await page.getByRole('heading', { name: /Step 7 of 7/ }).waitFor();
    await page.getByTestId('wizard-enroll').click();
    await expect.poll(() => page.getByTestId('wizard-progress').textContent(), { timeout: 30_000 }).toMatch(/Sent IR/);
    await page.screenshot({ path: 'test-results/wizard-step7-enrolled.png' });

    // It lands on the new certificate.
    const detail = page.getByTestId('certificate-detail');
    await detail.waitFor({ timeout: 30_000 });
    const serial = await page.getByTestId('current-serial').textContent();
    expect(serial).toMatch(/^[0-9a-f]+$/);
    await page.getByTestId('bar-current').first().waitFor();
    expect(await page.getByTestId('bar-current').first().getAttribute('data-serial')).toBe(serial);
    await page.screenshot({ path: 'test-results/certificate-detail.png', fullPage: true });

    // Force renew: a new serial appears and the old certificate becomes a past bar.
    await page.getByTestId('force-renew').click();
    await page.getByTestId('confirm-renew').click();
    await expect.poll(() => page.getByTestId('current-serial').textContent(), { timeout: 30_000 }).not.toBe(serial);
    await expect.poll(() => page.locator(`[data-testid="bar-past"][data-serial="${serial}"]`).count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: 'test-results/force-renew.png', fullPage: true });

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Dashboard', exact: true }).click();
    await page.getByTestId('records-table').getByText('lab-device').first().waitFor();
    await page.getByTestId('timeline').locator('[data-record="lab-device"]').waitFor();
    await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
    for (const section of ['Servers & profiles', 'Trust', 'Activity', 'Settings']) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click();
      await page.getByRole('heading', { name: section, level: 1 }).waitFor();
      await page.screenshot({ path: `test-results/section-${section.split(' ')[0].toLowerCase()}.png`, fullPage: true });
    }
    await page.close();
  }, 120_000);

  it('the manual path: import the lab root file, type the secret, enroll', async () => {
    // A second lab CA, run by the test, whose secret the administrator "received" and types in.
    const folder = mkdtempSync(join(tmpdir(), 'cmp-desk-e2e-labca-'));
    const reference = 'device-enrollment';
    const secret = 'typed-secret-0f3a9c';
    const lab = await LabCa.start({ dir: folder, paths: [{ path: '/.well-known/cmp', sharedSecrets: { [reference]: secret } }] });
    try {
    const page = await app.openApp();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByTestId('rerun-wizard').click();
    await page.getByLabel('Root CA certificate: choose a PEM, DER or PKCS#7 file').setInputFiles(lab.rootCaPath);
    await expect.poll(() => page.getByTestId('root-import').getByTestId('sha256-fingerprint').first().textContent()).toBe(lab.rootFingerprintSha256);
    await page.getByRole('checkbox', { name: /compared the SHA-256 fingerprint/ }).check();
    await page.screenshot({ path: 'test-results/wizard-step1-root-imported.png', fullPage: true });
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('server-url').fill(`${lab.httpUrl}/.well-known/cmp`);
    await page.screenshot({ path: 'test-results/wizard-step2-cmp-server.png', fullPage: true });
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('checked-host').getByText('127.0.0.1').waitFor();
    await page.screenshot({ path: 'test-results/wizard-step3-tls.png', fullPage: true });
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('iak-reference').fill(reference);
    await page.getByTestId('iak-secret').fill(secret);
    await page.getByRole('button', { name: 'Store in keychain' }).click();
    await page.getByTestId('secret-stored').waitFor();
    await page.screenshot({ path: 'test-results/wizard-step4-secret-stored.png', fullPage: true });
    await page.getByTestId('wizard-next').click();
    await page.getByRole('heading', { name: /Step 5 of 7/ }).waitFor();
    await page.screenshot({ path: 'test-results/wizard-step5-cmp-profile.png', fullPage: true });
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('record-name').fill('manual-device');
    await page.getByTestId('record-cn').fill('manual-device.example.net');
    await page.screenshot({ path: 'test-results/wizard-step6-record.png', fullPage: true });
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-enroll').click();
    await page.getByTestId('certificate-detail').waitFor({ timeout: 30_000 });
    await page.getByTestId('timeline').locator('[data-record="manual-device"]').getByTestId('bar-current').waitFor();
    expect(lab.admin.certificates().some((c) => c.subject.includes('manual-device.example.net'))).toBe(true);

    // Revoke it: reason picker, typed confirmation, an rr signed with the certificate's key; the lab CA lists it revoked.
    const serial = (await page.getByTestId('current-serial').textContent()) as string;
    await page.getByTestId('revoke').click();
    await page.getByTestId('revoke-reason').selectOption('keyCompromise');
    expect(await page.getByTestId('confirm-revoke').isDisabled()).toBe(true);
    await page.getByTestId('revoke-typed-name').fill('manual-device');
    await page.getByTestId('confirm-revoke').click();
    await expect.poll(() => page.getByTestId('action-outcome').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`Certificate ${serial} of "manual-device" revoked by the CA \\(keyCompromise\\)`));
    const issued = lab.admin.certificates().find((c) => c.serialHex.toLowerCase() === serial);
    expect(issued?.state).toBe('revoked');
    expect(issued?.revocationReason).toBe(1); // RFC 5280 CRLReason keyCompromise(1)
    await page.screenshot({ path: 'test-results/revoked.png', fullPage: true });
    await page.close();
    } finally {
      await lab.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
