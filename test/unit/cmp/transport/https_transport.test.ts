import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTransport, TransportError, type TlsSettings } from '../../../../src-main/cmp/transport';
import { createTestPki, type TestPki } from '../../../support/test_pki';
import { createTestProxy, listen, readBody, stop } from './local_servers';

let pki: TestPki;
let otherPki: TestPki;
const servers: (https.Server | http.Server)[] = [];
const proxies: ReturnType<typeof createTestProxy>[] = [];

const pem = (file: string) => readFileSync(file, 'utf8');

/** Starts an HTTPS CMP endpoint that echoes the request and reports the client certificate's CN in a header. */
async function startServer(options: https.ServerOptions): Promise<string> {
  const server = https.createServer(options, async (request, response) => {
    const body = await readBody(request);
    const peer = (request.socket as tls.TLSSocket).getPeerCertificate();
    response.writeHead(200, { 'Content-Type': 'application/pkixcmp', 'X-Client-CN': String(peer?.subject?.CN ?? '') });
    response.end(body);
  });
  servers.push(server);
  return `https://127.0.0.1:${await listen(server)}/.well-known/cmp`;
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

async function exchange(url: string, tlsSettings: TlsSettings, extra: Partial<ConstructorParameters<typeof HttpTransport>[0]> = {}): Promise<Uint8Array> {
  const transport = new HttpTransport({ url, tls: tlsSettings, messageTimeoutMs: 5000, ...extra });
  try {
    return await transport.send(new Uint8Array([48, 3, 2, 1, 7]));
  } finally {
    transport.close();
  }
}

let goodUrl: string;
let wrongHostUrl: string;
let trusted: TlsSettings;

beforeAll(async () => {
  [pki, otherPki] = await Promise.all([createTestPki({ intermediate: true }), createTestPki({ name: 'other' })]);
  trusted = { trustedCaPem: [pem(pki.trustedCa)] };
  goodUrl = await startServer({ cert: pem(pki.server.chain), key: pem(pki.server.key) });
  wrongHostUrl = await startServer({ cert: pem(pki.wrongHost.chain), key: pem(pki.wrongHost.key) });
});
afterAll(async () => {
  await Promise.all([...proxies.map((p) => p.stop()), ...servers.map(stop)]);
  await Promise.all([pki?.cleanup(), otherPki?.cleanup()]);
});

describe('HttpTransport over HTTPS', () => {
  it('verifies the server against the TLS profile CA through an intermediate', async () => {
    expect([...(await exchange(goodUrl, trusted))]).toEqual([48, 3, 2, 1, 7]);
  });

  it('refuses a server whose certificate chains to a CA the profile does not trust', async () => {
    const error = await failure(exchange(goodUrl, { trustedCaPem: [pem(otherPki.trustedCa)] }));
    expect(error.code).toBe('tls-untrusted');
    expect(error.message).toContain(goodUrl);
  });

  it('does not fall back to the system store when the profile trusts nothing', async () => {
    expect((await failure(exchange(goodUrl, { trustedCaPem: [] }))).code).toBe('tls-untrusted');
  });

  it('refuses a certificate issued for another host name', async () => {
    const error = await failure(exchange(wrongHostUrl, trusted));
    expect(error.code).toBe('tls-hostname-mismatch');
    expect(error.message).toContain('127.0.0.1');
  });

  it('checks the tlsHost override instead of the URL host', async () => {
    expect((await exchange(wrongHostUrl, { ...trusted, tlsHost: pki.wrongHostName })).length).toBe(5);
    expect((await failure(exchange(goodUrl, { ...trusted, tlsHost: pki.wrongHostName }))).code).toBe('tls-hostname-mismatch');
  });

  it('presents the client certificate when the server requires one', async () => {
    const url = await startServer({ cert: pem(pki.server.chain), key: pem(pki.server.key), ca: pem(pki.caBundle), requestCert: true, rejectUnauthorized: true });
    const withoutCert = await failure(exchange(url, trusted));
    expect(withoutCert.code).toBe('tls-other');
    expect(withoutCert.message).toMatch(/client certificate/);
    const mutual = { ...trusted, clientCertPem: pem(pki.client.chain), clientKey: createPrivateKey(pem(pki.client.key)) };
    const transport = new HttpTransport({ url, tls: mutual });
    expect((await transport.send(new Uint8Array([1]))).length).toBe(1);
    transport.close();
  });

  it('refuses a server below the minimum TLS version', async () => {
    const url = await startServer({ cert: pem(pki.server.chain), key: pem(pki.server.key), maxVersion: 'TLSv1.2' });
    expect((await exchange(url, trusted)).length).toBe(5);
    const error = await failure(exchange(url, { ...trusted, minVersion: 'TLSv1.3' }));
    expect(error.code).toBe('tls-other');
    expect(error.message).toMatch(/TLS version/);
  });

  it('tunnels through an HTTP proxy with CONNECT and still verifies the server end to end', async () => {
    const proxy = createTestProxy(http);
    proxies.push(proxy);
    const proxyUrl = `http://127.0.0.1:${await listen(proxy.server)}`;
    expect((await exchange(goodUrl, trusted, { proxy: { url: proxyUrl } })).length).toBe(5);
    expect(proxy.connects).toEqual([new URL(goodUrl).host]);
    expect((await failure(exchange(wrongHostUrl, trusted, { proxy: { url: proxyUrl } }))).code).toBe('tls-hostname-mismatch');
    await exchange(goodUrl, trusted, { proxy: { url: proxyUrl, noProxy: ['127.0.0.1'] } });
    expect(proxy.connects.length).toBe(2);
  });

  it('connects from the source address, to the server directly and to the proxy for a tunnel', async () => {
    const peers: (string | undefined)[] = [];
    const recording = https.createServer({ cert: pem(pki.server.chain), key: pem(pki.server.key) }, async (request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/pkixcmp' }).end(await readBody(request));
    });
    recording.on('secureConnection', (socket: tls.TLSSocket) => peers.push(socket.remoteAddress));
    servers.push(recording);
    const url = `https://127.0.0.1:${await listen(recording)}/.well-known/cmp`;
    await exchange(url, trusted, { localAddress: '127.0.0.2' });
    expect(peers).toEqual(['127.0.0.2']);
    const proxy = createTestProxy(http);
    proxies.push(proxy);
    const proxyPeers: (string | undefined)[] = [];
    proxy.server.on('connection', (socket: net.Socket) => proxyPeers.push(socket.remoteAddress));
    const proxyUrl = `http://127.0.0.1:${await listen(proxy.server)}`;
    await exchange(url, trusted, { localAddress: '127.0.0.3', proxy: { url: proxyUrl } });
    expect(proxy.connects).toEqual([new URL(url).host]);
    expect(proxyPeers).toEqual(['127.0.0.3']);
    const error = await failure(exchange(url, trusted, { localAddress: '192.0.2.1', proxy: { url: proxyUrl } }));
    expect(error.message).toContain(`proxy ${proxyUrl} (on the way to ${new URL(url).host}): the source address 192.0.2.1 is not assigned to this computer`);
  });

  it('reports a proxy that refuses the tunnel with its status', async () => {
    const refusing = http.createServer();
    refusing.on('connect', (_request, socket: net.Socket) => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n'));
    servers.push(refusing);
    const proxyUrl = `http://127.0.0.1:${await listen(refusing)}`;
    const error = await failure(exchange(goodUrl, trusted, { proxy: { url: proxyUrl } }));
    expect(error.code).toBe('http-status');
    expect(error.status).toBe(407);
    expect(error.message).toContain(proxyUrl);
  });
});
