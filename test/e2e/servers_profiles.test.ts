import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useAppSession } from './app_session';

const app = useAppSession();

/** The verify-config findings as the panel lists them. */
const findings = (page: Page) => page.getByRole('region', { name: 'verify-config' }).getByTestId('finding').allTextContents();
const hasFinding = async (page: Page, text: string) => (await findings(page)).some((f) => f.includes(text));

async function choose(select: Locator, label: string): Promise<void> {
  await select.selectOption({ label });
}

describe('Servers & profiles: forms with inline validation, verify-config follows', () => {
  it('creates a CMP server, a server group, a CMP profile with its secret and a TLS profile; the findings change with each', async () => {
    const page = await app.openApp();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Servers & profiles', exact: true }).click();
    await page.getByRole('heading', { name: 'Servers & profiles', level: 1 }).waitFor();

    // A CMP server over HTTPS without a TLS profile: verify-config says so.
    await page.getByRole('button', { name: 'New CMP server…' }).click();
    const serverForm = page.getByRole('form', { name: 'CMP server' });
    await serverForm.getByLabel('Name').fill('ca-primary');
    await serverForm.getByLabel('URL').fill('https://127.0.0.1:8443/.well-known/cmp');
    await serverForm.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => hasFinding(page, 'reached over HTTPS but has no TLS profile')).toBe(true);
    expect(await hasFinding(page, 'No server group lists this server')).toBe(true);

    // A server group: saving it empty shows the problems at their fields, nothing is sent.
    await page.getByRole('button', { name: 'New server group…' }).click();
    const groupForm = page.getByTestId('server-group-form');
    await page.getByTestId('group-save').click();
    await groupForm.getByText('must not be empty').waitFor();
    await groupForm.getByText('Servers: must list at least one CMP server').waitFor();
    await page.getByTestId('group-name').fill('main-group');
    await choose(page.getByTestId('group-add-server'), 'ca-primary (https://127.0.0.1:8443/.well-known/cmp)');
    expect(await page.getByTestId('group-servers').getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('ca-primary')]);
    await page.getByTestId('group-save').click();
    await page.getByTestId('server-group').getByText('main-group').waitFor();
    await expect.poll(() => hasFinding(page, 'No CMP profile uses this server group')).toBe(true);
    expect(await hasFinding(page, 'No server group lists this server')).toBe(false);

    // A CMP profile without its secret: the missing IAK is an error; a bad day count is refused inline.
    await page.getByRole('button', { name: 'New CMP profile…' }).click();
    await page.getByTestId('profile-name').fill('devices');
    await choose(page.getByTestId('profile-group'), 'main-group');
    await page.getByTestId('profile-reference').fill('device-enrollment');
    await page.getByTestId('profile-renew-days').fill('99999');
    await page.getByTestId('cmp-profile-form').getByText('must be at most 3650 days').waitFor();
    await page.getByTestId('profile-renew-days').fill('21');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('cmp-profile').getByText('renew 21 days before expiry').waitFor();
    await expect.poll(() => hasFinding(page, 'no initial authentication key is stored')).toBe(true);
    expect(await hasFinding(page, 'No CMP profile uses this server group')).toBe(false);

    // Edit the profile and set the secret (cmpProfiles.setSecret): the finding goes away.
    await page.getByTestId('cmp-profile').getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('profile-secret').fill('typed-secret-7c1e');
    await page.getByTestId('profile-save').click();
    await expect.poll(() => hasFinding(page, 'no initial authentication key is stored')).toBe(false);

    // A TLS profile without the host name check, then given to the server.
    await page.getByRole('button', { name: 'New TLS profile…' }).click();
    await page.getByTestId('tls-name').fill('cmp-tls');
    await page.getByTestId('tls-host-check').uncheck();
    await page.getByTestId('tls-mutual').check();
    await page.getByTestId('tls-save').click();
    // Mutual authentication without a client certificate record is refused at its field.
    await page.getByTestId('tls-profile-form').getByText('must name a certificate record when mutual authentication is on').waitFor();
    await page.getByTestId('tls-mutual').uncheck();
    await page.getByTestId('tls-save').click();
    await page.getByTestId('tls-profile').getByText('cmp-tls').waitFor();
    await expect.poll(() => hasFinding(page, 'No CMP server uses this TLS profile')).toBe(true);
    await page.getByRole('region', { name: 'CMP servers' }).getByRole('button', { name: 'Edit' }).click();
    await choose(page.getByRole('form', { name: 'CMP server' }).getByLabel('TLS profile'), 'cmp-tls');
    await page.getByRole('form', { name: 'CMP server' }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => hasFinding(page, 'reached over HTTPS but has no TLS profile')).toBe(false);
    expect(await hasFinding(page, 'not checked against the host name')).toBe(true);
    expect(await hasFinding(page, 'No CMP server uses this TLS profile')).toBe(false);
    await page.screenshot({ path: 'test-results/servers-profiles.png', fullPage: true });
    await page.close();
  }, 90_000);

  it('saves a CMP server that accepts unprotected error answers; verify-config warns while it does', async () => {
    const page = await app.openApp();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Servers & profiles', exact: true }).click();
    await page.getByRole('button', { name: 'New CMP server…' }).click();
    const form = page.getByRole('form', { name: 'CMP server' });
    await form.getByLabel('Name').fill('ca-lenient');
    await form.getByLabel('URL').fill('http://127.0.0.1:8080/.well-known/cmp');
    await form.getByLabel('Accept unprotected error answers').check();
    await form.getByRole('button', { name: 'Save' }).click();
    const servers = page.getByRole('region', { name: 'CMP servers' });
    await servers.getByText('accepts unprotected error answers').waitFor();
    await expect.poll(() => hasFinding(page, 'Unprotected error answers from this server are accepted')).toBe(true);
    await servers.getByRole('listitem').filter({ hasText: 'ca-lenient' }).getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByRole('form', { name: 'CMP server' }).getByLabel('Accept unprotected error answers').isChecked()).toBe(true);
    await page.close();
  }, 60_000);

  it('sends from a local address: a host name is refused at the field, an address this computer lacks is a verify-config error until cleared', async () => {
    const page = await app.openApp();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Servers & profiles', exact: true }).click();
    await page.getByRole('button', { name: 'New CMP server…' }).click();
    const form = page.getByRole('form', { name: 'CMP server' });
    await form.getByLabel('Name').fill('ca-bound');
    await form.getByLabel('URL').fill('http://127.0.0.1:8080/.well-known/cmp');
    const address = form.getByLabel('Send from local address');
    expect(await address.getAttribute('aria-describedby')).toContain('source-hint');
    await address.fill('eth0');
    await form.getByRole('alert').filter({ hasText: 'Send from local address must be an IPv4 or IPv6 address' }).waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    const servers = page.getByRole('region', { name: 'CMP servers' });
    expect(await servers.getByText('ca-bound').count()).toBe(0);
    // 198.51.100.0/24 is documentation space (RFC 5737): no interface of a test machine has it.
    await address.fill('198.51.100.7');
    await form.getByRole('button', { name: 'Save' }).click();
    await servers.getByText('from 198.51.100.7').waitFor();
    await expect.poll(() => hasFinding(page, 'The source address 198.51.100.7 is not an address of any network interface of this computer')).toBe(true);
    await servers.getByRole('listitem').filter({ hasText: 'ca-bound' }).getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'CMP server' });
    expect(await edit.getByLabel('Send from local address').inputValue()).toBe('198.51.100.7');
    await edit.getByLabel('Send from local address').fill('127.0.0.1');
    await edit.getByRole('button', { name: 'Save' }).click();
    await servers.getByText('from 127.0.0.1').waitFor();
    await expect.poll(() => hasFinding(page, 'is not an address of any network interface')).toBe(false);
    await page.close();
  }, 60_000);
});
