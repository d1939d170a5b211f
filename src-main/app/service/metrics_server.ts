import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatPrometheusText, prometheusContentType } from './prometheus_text';
import { serviceMetricFamilies, type ServiceMetricsSnapshot } from './service_metrics';

/** The --metrics address is not a loopback host:port, or cannot be listened on. */
export class MetricsAddressError extends Error {
  constructor(readonly address: string, reason: string) {
    super(`--metrics ${address}: ${reason}`);
    this.name = 'MetricsAddressError';
  }
}

export interface MetricsAddress {
  host: '127.0.0.1' | '::1';
  port: number;
}

/**
 * Parses `127.0.0.1:9464`, `localhost:9464` or `[::1]:9464`. Only loopback: the numbers say how
 * many certificates this host manages and when they expire, which is nobody else's business.
 */
export function parseMetricsAddress(text: string): MetricsAddress {
  const match = /^(?:\[(::1)\]|(127\.0\.0\.1|localhost)):(\d{1,5})$/.exec(text.trim());
  if (!match) throw new MetricsAddressError(text, 'expected 127.0.0.1:PORT or [::1]:PORT (loopback only)');
  const port = Number(match[3]);
  if (port > 65535) throw new MetricsAddressError(text, 'the port must be 0-65535');
  return { host: match[1] ? '::1' : '127.0.0.1', port };
}

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves GET /metrics in the Prometheus text format; everything else is 404 / 405. */
export async function startMetricsServer(
  address: MetricsAddress,
  snapshot: () => ServiceMetricsSnapshot | Promise<ServiceMetricsSnapshot>,
  onError: (error: Error) => void,
  now: () => number = Date.now,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('cmp-desk metrics are at /metrics\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    Promise.resolve()
      .then(snapshot)
      .then((s) => {
        const body = formatPrometheusText(serviceMetricFamilies(s, now()));
        response.writeHead(200, { 'Content-Type': prometheusContentType, 'Cache-Control': 'no-store' }).end(request.method === 'HEAD' ? undefined : body);
      })
      .catch((error: Error) => {
        onError(error);
        response.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics unavailable, see the service log\n');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new MetricsAddressError(`${address.host}:${address.port}`, error.code === 'EADDRINUSE' ? 'the port is already in use' : error.message)));
    server.listen(address.port, address.host, () => resolve());
  });
  server.on('error', onError);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${address.host === '::1' ? '[::1]' : address.host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
