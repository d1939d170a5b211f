import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTransport, TransportError, wellKnownCmpUrl } from '../../../../src-main/cmp/transport';
import { freePort } from '../../../support/ports';
import { createTestProxy, listen, readBody, stop } from './local_servers';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse, body: Buffer) => void;

/** One server whose behaviour each test picks through the path it posts to. */
const routes = new Map<string, Handler>();
const seen: { path: string; headers: http.IncomingHttpHeaders; method: string }[] = [];
const connections: number[] = [0];
let server: http.Server;
let origin: string;

function route(path: string, handler: Handler): string {
  routes.set(path, handler);
  return `${origin}${path}`;
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

function pkixcmp(response: http.ServerResponse, body: Uint8Array): void {
  response.writeHead(200, { 'Content-Type': 'application/pkixcmp', 'Content-Length': body.length });
  response.end(body);
}

beforeAll(async () => {
  server = http.createServer(async (request, response) => {
    const body = await readBody(request);
    seen.push({ path: request.url ?? '', headers: request.headers, method: request.method ?? '' });
    const handler = routes.get(request.url ?? '');
    if (handler) handler(request, response, body);
    else response.writeHead(404).end();
  });
  server.on('connection', () => connections[0]++);
  origin = `http://127.0.0.1:${await listen(server)}`;
});
afterAll(() => stop(server));

describe('HttpTransport over plain HTTP', () => {
  it('POSTs application/pkixcmp without caching to the well-known path and returns the body', async () => {
    route('/.well-known/cmp/p/lab', (_req, res, body) => pkixcmp(res, Buffer.from(body).reverse()));
    const transport = new HttpTransport({ url: wellKnownCmpUrl(origin, 'lab') });
    const response = await transport.send(new Uint8Array([1, 2, 3]));
    transport.close();
    expect([...response]).toEqual([3, 2, 1]);
    const request = seen.find((r) => r.path === '/.well-known/cmp/p/lab');
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/pkixcmp');
    expect(request?.headers.accept).toBe('application/pkixcmp');
    expect(request?.headers['cache-control']).toBe('no-cache');
    expect(request?.headers.pragma).toBe('no-cache');
  });

  it('keeps the connection alive across exchanges', async () => {
    const url = route('/keepalive', (_req, res, body) => pkixcmp(res, body));
    const transport = new HttpTransport({ url });
    const before = connections[0];
    for (let i = 0; i < 5; i++) await transport.send(new Uint8Array([i]));
    transport.close();
    expect(connections[0] - before).toBe(1);
  });

  it('accepts a content type with parameters and any letter case', async () => {
    const url = route('/ct-params', (_req, res) => res.writeHead(200, { 'Content-Type': 'Application/PKIXCMP; charset=binary' }).end(Buffer.from([48, 0])));
    const transport = new HttpTransport({ url });
    expect([...(await transport.send(new Uint8Array([1])))]).toEqual([48, 0]);
    transport.close();
  });

  it('rejects another content type, naming what came', async () => {
    const url = route('/html', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Login required</body></html>'));
    const transport = new HttpTransport({ url });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    expect(error.code).toBe('content-type');
    expect(error.message).toContain('HTTP 200 with text/html');
    expect(error.message).toContain(url);
    expect(error.bodyExcerpt).toContain('Login required');
  });

  it('rejects a status other than 200 with the status and a body excerpt', async () => {
    const url = route('/status', (_req, res) => res.writeHead(503, { 'Content-Type': 'text/plain' }).end('CA is in maintenance'));
    const transport = new HttpTransport({ url });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    expect(error.code).toBe('http-status');
    expect(error.status).toBe(503);
    expect(error.message).toContain('HTTP 503');
    expect(error.message).toContain('CA is in maintenance');
  });

  it('cuts off a response larger than the limit while it streams', async () => {
    let written = 0;
    const url = route('/huge', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pkixcmp' });
      const chunk = Buffer.alloc(64 * 1024);
      // Keeps writing until the client hangs up: a limit that buffered everything would never return.
      const pump = () => {
        while (!res.destroyed && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => undefined);
      pump();
    });
    const transport = new HttpTransport({ url, maxResponseBytes: 256 * 1024 });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('262144 bytes');
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses at once a response whose Content-Length exceeds the limit', async () => {
    const url = route('/announced', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/pkixcmp', 'Content-Length': 5000 }).end(Buffer.alloc(5000)));
    const transport = new HttpTransport({ url, maxResponseBytes: 4096 });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('5000 bytes announced');
  });

  it('reports a body cut short by the server as truncated', async () => {
    const url = route('/truncated', (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pkixcmp', 'Content-Length': 1000 });
      res.write(Buffer.alloc(10), () => req.socket.destroy());
    });
    const transport = new HttpTransport({ url });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    expect(error.code).toBe('truncated');
    expect(error.message).toContain('Content-Length 1000');
  });

  it('reports a connection closed before any response as truncated', async () => {
    const url = route('/hangup', (req) => req.socket.destroy());
    const transport = new HttpTransport({ url });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    expect(error.code).toBe('truncated');
    expect(error.message).toContain('closed the connection');
  });

  it('times out when no answer comes within the message timeout', async () => {
    const url = route('/silent', () => undefined);
    const transport = new HttpTransport({ url, messageTimeoutMs: 60_000 });
    const error = await failure(transport.send(new Uint8Array([1]), { timeoutMs: 150 }));
    transport.close();
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('150 ms');
  });

  it('stops an exchange when its AbortSignal fires', async () => {
    const controller = new AbortController();
    const url = route('/abort', () => controller.abort());
    const transport = new HttpTransport({ url });
    const error = await failure(transport.send(new Uint8Array([1]), { signal: controller.signal }));
    expect(error.code).toBe('aborted');
    expect((await failure(transport.send(new Uint8Array([1]), { signal: controller.signal }))).code).toBe('aborted');
    transport.close();
  });

  it('rejects pending and later exchanges once closed', async () => {
    let arrived: () => void = () => undefined;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const url = route('/close', () => arrived());
    const transport = new HttpTransport({ url });
    const pending = failure(transport.send(new Uint8Array([1])));
    await requestArrived;
    transport.close();
    expect((await pending).code).toBe('closed');
    expect((await failure(transport.send(new Uint8Array([1])))).code).toBe('closed');
  });

  it('maps a refused connection', async () => {
    const url = `http://127.0.0.1:${await freePort()}/`;
    const transport = new HttpTransport({ url });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    expect(error.code).toBe('connection-refused');
    expect(error.systemCode).toBe('ECONNREFUSED');
    expect(error.message).toContain(url);
  });

  it('maps an unknown host name', async () => {
    const transport = new HttpTransport({ url: 'http://no-such-host.invalid/' });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    expect(error.code).toBe('dns');
  });

  it('sends plain HTTP through a proxy with the absolute URI, unless no_proxy lists the host', async () => {
    const url = route('/via-proxy', (_req, res, body) => pkixcmp(res, body));
    const proxy = createTestProxy(http);
    const proxyUrl = `http://127.0.0.1:${await listen(proxy.server)}`;
    const proxied = new HttpTransport({ url, proxy: { url: proxyUrl } });
    expect([...(await proxied.send(new Uint8Array([9])))]).toEqual([9]);
    proxied.close();
    const direct = new HttpTransport({ url, proxy: { url: proxyUrl, noProxy: ['localhost', '127.0.0.1'] } });
    await direct.send(new Uint8Array([9]));
    direct.close();
    await proxy.stop();
    expect(proxy.forwarded).toEqual([url]);
  });

  it('reports a proxy that cannot be reached as the proxy failing', async () => {
    const proxyUrl = `http://127.0.0.1:${await freePort()}`;
    const transport = new HttpTransport({ url: 'http://cmp.example.test/', proxy: { url: proxyUrl } });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    expect(error.code).toBe('connection-refused');
  });

  it('sends the request again on a new connection when the server dropped the kept-alive one without answering', async () => {
    let accepted = 0;
    const raw = net.createServer((socket) => {
      const connection = ++accepted;
      let requests = 0;
      socket.on('data', () => {
        requests++;
        // The first connection answers once, then hangs up on the next request as a server whose keep-alive timer just fired.
        if (connection === 1 && requests === 2) return void socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/pkixcmp\r\nContent-Length: 2\r\n\r\n' + String.fromCharCode(48, 0));
      });
    });
    const transport = new HttpTransport({ url: `http://127.0.0.1:${await listen(raw)}/cmp` });
    expect([...(await transport.send(new Uint8Array([1])))]).toEqual([48, 0]);
    expect([...(await transport.send(new Uint8Array([2])))]).toEqual([48, 0]);
    transport.close();
    await stop(raw);
    expect(accepted).toBe(2);
  });

  it('does not send again when a new connection is dropped, and says so', async () => {
    let accepted = 0;
    const raw = net.createServer((socket) => {
      accepted++;
      socket.on('data', () => socket.destroy());
    });
    const transport = new HttpTransport({ url: `http://127.0.0.1:${await listen(raw)}/cmp` });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    await stop(raw);
    expect(error.code).toBe('truncated');
    expect(accepted).toBe(1);
  });

  it('names what came when the answer is not HTTP at all', async () => {
    const raw = net.createServer((socket) => socket.on('data', () => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n')));
    const url = `http://127.0.0.1:${await listen(raw)}/cmp`;
    const transport = new HttpTransport({ url });
    const error = await failure(transport.send(new Uint8Array([1])));
    transport.close();
    await stop(raw);
    expect(error.code).toBe('http-status');
    expect(error.message).toBe(`CMP server ${url}: the answer is not a readable HTTP response: expected an HTTP/1.x status line, got "SSH-2.0-OpenSSH_9.2"`);
  });

  it('keeps at most maxSockets connections and queues the rest', async () => {
    let open = 0;
    let mostOpen = 0;
    const raw = net.createServer((socket) => {
      mostOpen = Math.max(mostOpen, ++open);
      socket.on('close', () => open--);
      socket.on('data', () => setImmediate(() => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/pkixcmp\r\nContent-Length: 1\r\n\r\nA')));
    });
    const transport = new HttpTransport({ url: `http://127.0.0.1:${await listen(raw)}/cmp`, maxSockets: 2 });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => transport.send(new Uint8Array([i]))));
    transport.close();
    await stop(raw);
    expect(answers.map((a) => a[0])).toEqual(Array(6).fill(65));
    expect(mostOpen).toBe(2);
  });

  it('refuses an https URL without a TLS profile and other schemes', () => {
    expect(() => new HttpTransport({ url: 'https://127.0.0.1/' })).toThrow(/no TLS profile/);
    expect(() => new HttpTransport({ url: 'ftp://127.0.0.1/' })).toThrow(/http:\/\/ or https:\/\//);
  });
});
