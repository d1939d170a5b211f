import type http from 'node:http';
import type https from 'node:https';
import net from 'node:net';

/** Starts a test server on 127.0.0.1 with an OS-chosen port and returns the port. */
export function listen(server: http.Server | https.Server | net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

/** Stops a test server, cutting keep-alive and hanging connections so afterAll never waits for them. */
export function stop(server: http.Server | https.Server | net.Server): Promise<void> {
  return new Promise((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Collects a request body. */
export async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A minimal forward proxy: CONNECT tunnels for https and absolute-URI forwarding for http. It records what it
 * was asked to do, so tests can prove the transport went through it.
 */
export function createTestProxy(httpModule: typeof http): { server: http.Server; connects: string[]; forwarded: string[]; stop(): Promise<void> } {
  const tunnels = new Set<net.Socket>();
  const connects: string[] = [];
  const forwarded: string[] = [];
  const server = httpModule.createServer((request, response) => {
    forwarded.push(request.url ?? '');
    const target = new URL(request.url ?? '');
    const upstream = httpModule.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(upstream);
  });
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(request.url ?? '');
    tunnels.add(client);
    const [host, port] = (request.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      tunnels.add(upstream);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const stopProxy = () => {
    for (const socket of tunnels) socket.destroy();
    return stop(server);
  };
  return { server, connects, forwarded, stop: stopProxy };
}
