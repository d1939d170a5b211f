import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { useAppSession } from './app_session';

/**
 * Hostile renderer content: whatever script runs in the page (an XSS in a certificate field, a
 * compromised dependency) must not reach Node, must not call anything outside the IPC contract, and
 * another page must not reach the IPC at all. Checked in Debian's Chromium against the web host,
 * which serves the very renderer and main code the Electron shell runs.
 */
const app = useAppSession();
let page: Page;
let otherSite: Server;

beforeAll(async () => {
  page = await app.context.newPage();
  await page.goto(app.host.url);
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  // A page of another origin on the same computer (browsers treat another port as same-site).
  otherSite = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title>'));
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  // Unset when the beforeAll failed before creating it. Chromium (closed after this hook) still
  // holds a keep-alive connection to it: close that too rather than wait for its timeout.
  const site: Server | undefined = otherSite;
  if (site) await new Promise((resolve) => site.close(resolve).closeAllConnections());
});

/** Sends one raw IPC envelope over a WebSocket opened by page script; resolves with the answer or how the socket ended. */
function rawIpcFromPage(target: Page, wsUrl: string, envelope: unknown): Promise<{ opened: boolean; answer?: unknown; closeCode?: number }> {
  return target.evaluate(
    ({ url, frame }) =>
      new Promise((resolve) => {
        const socket = new WebSocket(url);
        let opened = false;
        socket.onopen = () => {
          opened = true;
          socket.send(JSON.stringify(frame));
        };
        socket.onmessage = (message) => {
          resolve({ opened, answer: JSON.parse(String(message.data)) });
          socket.close();
        };
        socket.onclose = (event) => resolve({ opened, closeCode: event.code });
      }),
    { url: wsUrl, frame: envelope },
  );
}

describe('renderer isolation in Chromium (web host)', () => {
  it('page script cannot reach require, process, Buffer, module or any Node global', async () => {
    const reachable = await page.evaluate(() =>
      ['require', 'process', 'Buffer', 'module', 'global', '__dirname', 'setImmediate', 'electron', 'ipcRenderer'].filter(
        (name) => (globalThis as Record<string, unknown>)[name] !== undefined,
      ),
    );
    expect(reachable).toEqual([]);
    // The web host has no preload: no bridge object to abuse either.
    expect(await page.evaluate(() => 'cmpDesk' in window)).toBe(false);
  });

  it('the CSP stops injected inline script, inline handlers and foreign script sources, and allows no eval', async () => {
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      document.body.append(inline);
      const foreign = document.createElement('script');
      foreign.src = 'https://example.org/x.js';
      const foreignOutcome = await new Promise<string>((resolve) => {
        foreign.onerror = () => resolve('blocked');
        foreign.onload = () => resolve('loaded');
        document.body.append(foreign);
      });
      const handler = document.createElement('img');
      handler.setAttribute('onerror', 'window.__handlerRan = true');
      handler.src = 'data:,not-an-image';
      document.body.append(handler);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { inline: '__inlineRan' in window, foreignOutcome, handler: '__handlerRan' in window, violations: [...new Set(violations)].sort() };
    });
    expect(outcome).toEqual({ inline: false, foreignOutcome: 'blocked', handler: false, violations: ['script-src-attr', 'script-src-elem'] });
    // DevTools-evaluated code (this test) is exempt from the CSP, so eval is checked on the policy itself.
    const csp = (await page.request.get(`${app.host.origin}/`)).headers()['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  });

  it('page script cannot invoke a command outside the contract, nor a contract command with a bad payload', async () => {
    const wsUrl = `${app.host.origin.replace('http', 'ws')}/ipc`;
    const outside = await rawIpcFromPage(page, wsUrl, { kind: 'request', id: 1, command: 'shell.openExternal', payload: 'https://evil.example/' });
    expect(outside).toMatchObject({ opened: true, answer: { kind: 'response', id: 1, outcome: { ok: false, error: { code: 'unknown-command' } } } });
    for (const command of ['__proto__', 'constructor', 'toString', 'cmp-desk:invoke:app.info', '../app.info']) {
      const answer = await rawIpcFromPage(page, wsUrl, { kind: 'request', id: 2, command, payload: {} });
      expect(answer, command).toMatchObject({ answer: { outcome: { ok: false, error: { code: 'unknown-command' } } } });
    }
    const badPayload = await rawIpcFromPage(page, wsUrl, { kind: 'request', id: 3, command: 'records.delete', payload: { id: { $ne: null } } });
    expect(badPayload).toMatchObject({ answer: { outcome: { ok: false, error: { code: 'validation' } } } });
    // The same socket path still serves contract commands: the refusals did not break anything.
    const info = await rawIpcFromPage(page, wsUrl, { kind: 'request', id: 4, command: 'app.info', payload: {} });
    expect(info).toMatchObject({ answer: { outcome: { ok: true } } });
  });

  it('the IPC WebSocket refuses a page of another origin, even on the same host', async () => {
    const other = await app.context.newPage();
    const otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
    await other.goto(otherOrigin);
    const attempt = await rawIpcFromPage(other, `${app.host.origin.replace('http', 'ws')}/ipc`, { kind: 'request', id: 1, command: 'app.info', payload: {} });
    expect(attempt.opened).toBe(false);
    expect(attempt.answer).toBeUndefined();
    // Nor can it read the app through fetch: no CORS headers, so the response stays opaque.
    const read = await other.evaluate((url) => fetch(url).then((r) => r.text()).then(() => 'read', () => 'refused'), `${app.host.origin}/`);
    expect(read).toBe('refused');
    await other.close();
  });

  it('without the token (a fresh browser profile) neither the page nor the WebSocket is served', async () => {
    const fresh = await launchBrowser();
    try {
      const stranger = await fresh.context.newPage();
      const response = await stranger.goto(`${app.host.origin}/`);
      expect(response?.status()).toBe(401);
      const wrongToken = await stranger.goto(`${app.host.origin}/?token=${'A'.repeat(43)}`);
      expect(wrongToken?.status()).toBe(401);
      const attempt = await rawIpcFromPage(stranger, `${app.host.origin.replace('http', 'ws')}/ipc`, { kind: 'request', id: 1, command: 'app.info', payload: {} });
      expect(attempt).toMatchObject({ opened: false });
    } finally {
      await fresh.close();
    }
  });
});
