import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createIpcClient, IpcValidationError, type LogEntry } from '../../../src-shared/ipc/index';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';
import { tokenCookieName } from '../../../src-main/app/web/access_token';
import { startWebHost, type WebHost } from '../../../src-main/app/web/web_host';
import { createWebSocketTransport } from '../../../src-renderer/ipc/websocket_transport';

const root = mkdtempSync(join(tmpdir(), 'cmp-desk-web-'));
const rendererDir = join(root, 'renderer');
let app: ComposedApp;
let host: WebHost;

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>cmp-desk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'outside.html'), 'secret');
  app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: join(root, 'data') }), host: 'web' });
  host = await startWebHost({ app, rendererDir });
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cookie = () => `${tokenCookieName(host.port)}=${host.token}`;

/** Opens a WebSocket and resolves with the HTTP status the host refused it with, or 101. */
function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

/**
 * Sends one raw HTTP/1.1 request that asks to keep the connection open and resolves with everything
 * the host sent once the host itself closed the connection (a host that keeps it open fails by timeout).
 */
function answerUntilHostCloses(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

function socketClient(headers: Record<string, string>) {
  return createWebSocketTransport(`ws://127.0.0.1:${host.port}/ipc`, (url) => new WebSocket(url, { headers }) as never);
}

describe('web host: the token guards the static files', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(43);
  });

  it('refuses a request without a token with 401 and closes the connection', async () => {
    const answer = await get('/');
    expect(answer.status).toBe(401);
    expect(answer.headers.connection).toBe('close');
    expect(answer.body).not.toContain('<title>');
  });

  it('closes the connection after a 401 even when the client asked to keep it alive', async () => {
    const answer = await answerUntilHostCloses(`GET /?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: keep-alive\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).not.toContain('<title>');
  });

  it('refuses a wrong token, in the query or in the cookie', async () => {
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/?token=${host.token.slice(0, -1)}x`)).status).toBe(401);
    expect((await get('/', { cookie: `${tokenCookieName(host.port)}=wrong` })).status).toBe(401);
  });

  it('moves a correct query token into an HttpOnly SameSite=Strict cookie and out of the address', async () => {
    const answer = await get(`/?token=${host.token}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    expect(String(answer.headers['set-cookie'])).toBe(`${cookie()}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('serves the renderer with the cookie, with a strict CSP', async () => {
    const answer = await get('/', { cookie: cookie() });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<title>cmp-desk</title>');
    const csp = String(answer.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app.js', { cookie: cookie() })).headers['content-type']).toContain('javascript');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await get('/../outside.html', { cookie: cookie() })).status).toBe(404);
    expect((await get('/%2e%2e/outside.html', { cookie: cookie() })).status).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    expect((await get('/', { cookie: cookie(), host: `evil.example:${host.port}` })).status).toBe(401);
  });
});

describe('web host: the token guards the IPC WebSocket', () => {
  it('refuses an upgrade without a token or with a wrong one', async () => {
    expect(await upgradeStatus('/ipc', {})).toBe(401);
    expect(await upgradeStatus('/ipc', { cookie: `${tokenCookieName(host.port)}=wrong` })).toBe(401);
    expect(await upgradeStatus('/ipc?token=wrong', {})).toBe(401);
  });

  it('closes the connection after refusing an upgrade with a wrong token', async () => {
    const upgrade = `GET /ipc?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    const answer = await answerUntilHostCloses(upgrade);
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).not.toContain('101 Switching Protocols');
  });

  it('refuses an upgrade from a foreign origin even with the cookie', async () => {
    expect(await upgradeStatus('/ipc', { cookie: cookie(), origin: 'http://127.0.0.1:1' })).toBe(401);
  });

  it('accepts the cookie from the page origin', async () => {
    expect(await upgradeStatus('/ipc', { cookie: cookie(), origin: host.origin })).toBe(101);
  });

  it('carries the typed contract: commands, validation errors and pushed events', async () => {
    const transport = socketClient({ cookie: cookie(), origin: host.origin });
    const client = createIpcClient(transport);
    expect(await client.invoke('app.info', {})).toMatchObject({ name: 'cmp-desk', host: 'web' });
    expect((await client.invoke('app.health', {})).status).toBe('ok');

    const raw = await transport.invoke('app.info', { unexpected: 1 });
    expect(raw).toMatchObject({ ok: false, error: { code: 'validation', field: 'unexpected' } });
    await expect(client.invoke('app.info', { unexpected: 1 } as never)).rejects.toBeInstanceOf(IpcValidationError);

    const received = new Promise<LogEntry>((resolve) => {
      const dispose = client.on('app.log', (entry) => {
        if (entry.message === 'pushed over the socket') {
          dispose();
          resolve(entry);
        }
      });
    });
    await client.invoke('app.info', {}); // the subscription's socket is open once a call went through
    app.logger.info('test', 'pushed over the socket');
    expect((await received).level).toBe('info');
    transport.close();
  });

  it('answers a malformed envelope that has an id with a validation error naming the field', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, { headers: { cookie: cookie() } });
    await new Promise((resolve) => ws.once('open', resolve));
    const answer = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    ws.send(JSON.stringify({ kind: 'request', id: 9, command: 12 }));
    expect(await answer).toMatchObject({ kind: 'response', id: 9, outcome: { ok: false, error: { code: 'validation', field: 'command' } } });
    ws.send('not json at all');
    ws.send(JSON.stringify({ kind: 'request', id: 10, command: 'app.info', payload: {} }));
    // The dropped frame is logged, and the log line is pushed too: wait for the response itself.
    const next = await new Promise<{ id: number }>((resolve) =>
      ws.on('message', (data) => {
        const envelope = JSON.parse(data.toString());
        if (envelope.kind === 'response') resolve(envelope);
      }),
    );
    expect(next.id).toBe(10);
    ws.close();
  });
});
