import { describe, expect, it } from 'vitest';
import { request as playwrightRequest } from 'playwright-core';
import { useAppSession } from './app_session';

const app = useAppSession();

describe('the web host in Chromium', () => {
  it('shows the app frame, switches theme, and logs no console errors', async () => {
    const page = await app.context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    const response = await page.goto(app.host.url);
    expect(response?.status()).toBe(200);
    // The token moved into the cookie: the address bar no longer shows it.
    expect(page.url()).toBe(`${app.host.origin}/`);

    const navigation = page.getByRole('navigation', { name: 'Sections' });
    for (const label of ['Dashboard', 'Certificates', 'Servers & profiles', 'Trust', 'Activity', 'Settings']) {
      await navigation.getByRole('button', { name: label, exact: true }).waitFor();
    }
    await expect.poll(() => page.getByTestId('health').textContent()).toMatch(/self-checks? pass/);

    await navigation.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByText(app.host.dataDir, { exact: true }).waitFor();

    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.getByRole('radio', { name: 'Light' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(darkBackground).not.toBe(lightBackground);

    await navigation.getByRole('button', { name: 'Activity', exact: true }).click();
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await navigation.getByRole('button', { name: 'Dashboard', exact: true }).click();
    await page.screenshot({ path: 'test-results/web-frame-light.png' });
    await navigation.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: 'Dark' }).click();
    await navigation.getByRole('button', { name: 'Dashboard', exact: true }).click();
    await page.screenshot({ path: 'test-results/web-frame-dark.png' });

    expect(problems).toEqual([]);
    await page.close();
  });

  it('refuses a wrong token: 401 and no app', async () => {
    const page = await app.context.newPage();
    const wrong = new URL(app.host.url);
    wrong.searchParams.set('token', 'not-the-token');
    const response = await page.goto(wrong.href);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('401 Unauthorized');
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    await page.close();
  });

  it('refuses a client without the cookie, at the pages and at the WebSocket endpoint', async () => {
    // A clean HTTP client: no cookie from the page above.
    const request = await playwrightRequest.newContext();
    expect((await request.get(`${app.host.origin}/`)).status()).toBe(401);
    expect((await request.get(`${app.host.origin}/ipc`)).status()).toBe(401);
    await request.dispose();
  });
});
