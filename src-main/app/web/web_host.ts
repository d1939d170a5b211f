import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ComposedApp } from '../compose';
import { createAccessToken, readCookie, tokenCookieName, tokenMatches } from './access_token';
import { securityHeaders } from './security_headers';
import { readStaticFile } from './static_files';
import { maxIpcMessageBytes, serveIpcConnection } from './websocket_ipc';

/** The path of the IPC WebSocket endpoint. */
export const ipcPath = '/ipc';

export interface WebHostOptions {
  app: ComposedApp;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Tests pass a known token; a launch gets a fresh random one. */
  token?: string;
}

export interface WebHost {
  port: number;
  origin: string;
  token: string;
  /** The address to open: carries the token once, the host then moves it into a cookie. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the IPC WebSocket on 127.0.0.1 only. Every request must carry the
 * per-launch token: as `?token=` (the printed URL; answered with an HttpOnly SameSite=Strict cookie
 * and a redirect that removes the token from the address bar) or as that cookie. Anything else gets
 * 401 and the connection is closed.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { app, rendererDir } = options;
  const token = options.token ?? createAccessToken();
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxIpcMessageBytes });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const cookieName = tokenCookieName(port);
  const headers = securityHeaders(origin);

  /** The token presented by a request, and whether it came in the query (first visit). */
  function presentedToken(req: IncomingMessage): { fromQuery: boolean; ok: boolean; url: URL } {
    const url = new URL(req.url ?? '/', origin);
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) return { fromQuery: true, ok: tokenMatches(token, queryToken), url };
    return { fromQuery: false, ok: tokenMatches(token, readCookie(req.headers.cookie, cookieName)), url };
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handleHttp(req, res);
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { fromQuery, ok, url } = presentedToken(req);
    if (!allowedHosts.has(req.headers.host ?? '') || !ok) return refuse(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    if (fromQuery) {
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...headers,
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
      return void res.end();
    }
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return reply(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    reply(res, 200, file.contentType, req.method === 'HEAD' ? undefined : file.body);
  }

  function reply(res: ServerResponse, status: number, contentType: string, body?: string | Buffer): void {
    res.writeHead(status, { ...headers, 'Content-Type': contentType });
    res.end(body);
  }

  function refuse(res: ServerResponse): void {
    res.shouldKeepAlive = false;
    res.writeHead(401, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    res.end('401 Unauthorized: open the exact address cmp-desk printed when it started.\n');
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { ok, url } = presentedToken(req);
    // Browsers always send Origin; a page from anywhere else must not reach the IPC endpoint.
    const originOk = req.headers.origin === undefined || req.headers.origin === origin || req.headers.origin === `http://localhost:${port}`;
    if (!ok || !originOk || !allowedHosts.has(req.headers.host ?? '') || url.pathname !== ipcPath) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveIpcConnection(ws, app.dispatch, app.events, (m) => app.logger.warn('web', m)));
  });

  app.logger.info('web', `web host listening on ${origin}`);
  return {
    port,
    origin,
    token,
    url: `${origin}/?token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
