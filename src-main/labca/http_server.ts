import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestKnobs } from './test_knobs';

/** RFC 9811 3.3: requests and responses are `application/pkixcmp`. */
export const pkixCmpContentType = 'application/pkixcmp';
/** Larger than any CMP message we expect (a few certificates); bigger bodies are refused before parsing. */
export const maxRequestBytes = 1024 * 1024;
export const crlPath = '/crl/issuing-ca.crl';
export const rootCaPath = '/ca/root-ca.pem';
export const chainPath = '/ca/chain.pem';
export const adminPrefix = '/labca-admin/';

export type HttpFailure = NonNullable<TestKnobs['httpFailure']>;

/** What the CMP handler wants sent back: a DER PKIMessage, or a deliberately broken exchange. */
export interface CmpHttpAnswer {
  body: Uint8Array;
  httpFailure?: HttpFailure;
}

/** What the server delegates: CMP per path, the CRL, the certificates, the admin requests. */
export interface LabCaHttpHandlers {
  cmpPaths(): readonly string[];
  handleCmp(path: string, body: Uint8Array): Promise<CmpHttpAnswer>;
  crl(): Uint8Array;
  rootCaPem(): string;
  chainPem(): string;
  /** JSON admin request (already authenticated); resolves to [status, JSON body]. */
  handleAdmin(method: string, route: string, query: URLSearchParams, body: unknown): Promise<[number, unknown]>;
}

export interface ListenOptions {
  /** 0 or undefined: a free port. */
  port?: number;
  tls?: { certificatePem: string; keyPem: string };
}

/** One listener (HTTP or HTTPS) on 127.0.0.1 that serves the lab CA. */
export class LabCaListener {
  private constructor(private readonly server: Server, readonly url: string) {}

  static async listen(handlers: LabCaHttpHandlers, adminToken: string | undefined, options: ListenOptions): Promise<LabCaListener> {
    const listener = (request: IncomingMessage, response: ServerResponse) => {
      route(handlers, adminToken, request, response).catch((error: unknown) => {
        if (!response.headersSent) sendText(response, 500, `lab CA internal error: ${(error as Error).message}`);
        else response.destroy();
      });
    };
    const server = options.tls
      ? createHttpsServer({ cert: options.tls.certificatePem, key: options.tls.keyPem }, listener)
      : createHttpServer(listener);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return new LabCaListener(server, `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

async function route(handlers: LabCaHttpHandlers, adminToken: string | undefined, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  if (handlers.cmpPaths().includes(path)) return serveCmp(handlers, path, request, response);
  if (request.method === 'GET' && path === crlPath) return sendBytes(response, 200, 'application/pkix-crl', handlers.crl());
  if (request.method === 'GET' && path === rootCaPath) return sendText(response, 200, handlers.rootCaPem(), 'application/x-pem-file');
  if (request.method === 'GET' && path === chainPath) return sendText(response, 200, handlers.chainPem(), 'application/x-pem-file');
  if (path.startsWith(adminPrefix) && adminToken) return serveAdmin(handlers, adminToken, url, request, response);
  sendText(response, 404, `no such lab CA resource: ${path}`);
}

async function serveCmp(handlers: LabCaHttpHandlers, path: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST');
    return sendText(response, 405, 'CMP over HTTP uses POST (RFC 9811)');
  }
  const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== pkixCmpContentType) return sendText(response, 415, `expected Content-Type ${pkixCmpContentType}`);
  const body = await readBody(request, maxRequestBytes);
  if (!body) return sendText(response, 413, `CMP request larger than ${maxRequestBytes} bytes`);
  const answer = await handlers.handleCmp(path, body);
  switch (answer.httpFailure) {
    case 'status-500':
      return sendText(response, 500, 'lab CA test knob: HTTP 500');
    case 'close-connection':
      request.socket.destroy();
      return;
    case 'garbage':
      return sendBytes(response, 200, pkixCmpContentType, randomBytes(64 + answer.body.length));
    case 'truncated':
      response.writeHead(200, { 'Content-Type': pkixCmpContentType, 'Content-Length': answer.body.length });
      response.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => response.destroy());
      return;
    default:
      sendBytes(response, 200, pkixCmpContentType, answer.body);
  }
}

async function serveAdmin(handlers: LabCaHttpHandlers, adminToken: string, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const given = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${adminToken}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return sendText(response, 401, 'admin token required');
  const raw = await readBody(request, 64 * 1024);
  if (!raw) return sendText(response, 413, 'admin request too large');
  let body: unknown;
  try {
    body = raw.length ? JSON.parse(Buffer.from(raw).toString('utf8')) : undefined;
  } catch {
    return sendJson(response, 400, { error: 'the body is not JSON' });
  }
  const [status, reply] = await handlers.handleAdmin(request.method ?? 'GET', url.pathname.slice(adminPrefix.length), url.searchParams, body);
  sendJson(response, status, reply);
}

/** The body, or undefined when it exceeds `limit` bytes. */
async function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function sendBytes(response: ServerResponse, status: number, contentType: string, body: Uint8Array): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendText(response: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  sendBytes(response, status, contentType, Buffer.from(text.endsWith('\n') ? text : `${text}\n`, 'utf8'));
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendBytes(response, status, 'application/json', Buffer.from(JSON.stringify(value ?? null), 'utf8'));
}
