import net from 'node:net';
import tls from 'node:tls';
import { readStatusLine } from './http1_response_parser';
import { toTransportError } from './node_errors';
import type { ResolvedProxy } from './proxy';
import { TransportError } from './transport_error';

/** Where a CMP server is and how to reach it: directly or through an HTTP proxy, with TLS or not. */
export interface ConnectionRoute {
  /** Host name or IP address of the CMP server (IPv6 without brackets). */
  host: string;
  port: number;
  /** TLS options for https:// servers (verification always on, see tls_settings.ts). */
  tls?: tls.ConnectionOptions;
  proxy?: ResolvedProxy;
  /**
   * The local address our connection leaves from (CmpServer.sourceAddress): to the server, or to
   * the proxy when there is one. Absent: the operating system chooses.
   */
  localAddress?: string;
}

/** A proxy's answer to CONNECT has no body; a head longer than this is not a proxy we understand. */
const MAX_CONNECT_HEAD_BYTES = 16 * 1024;

/**
 * Opens the socket a request to the CMP server is written to:
 * - http:// directly: a TCP connection to the server;
 * - https:// directly: TLS to the server, checked against the TLS profile;
 * - http:// through a proxy: a TCP connection to the proxy (the request line then carries the absolute URI);
 * - https:// through a proxy: an HTTP CONNECT tunnel through the proxy, then TLS end to end with the
 *   server inside it, so the proxy sees only ciphertext.
 * Resolves once the socket can carry a request; every failure is a TransportError naming the hop.
 */
export function openConnection(route: ConnectionRoute, url: string, signal: AbortSignal): Promise<net.Socket> {
  if (route.proxy && route.tls) return openTunnel(route, route.proxy, route.tls, url, signal);
  if (route.proxy) return connected(net.connect({ host: route.proxy.host, port: route.proxy.port, ...bindTo(route) }), 'connect', signal, (e) => proxyError(e, route.proxy!, route));
  if (route.tls) return connected(tls.connect({ ...serverTlsOptions(route, route.tls), ...bindTo(route) }), 'secureConnect', signal, (e) => toTransportError(e, url));
  return connected(net.connect({ host: route.host, port: route.port, ...bindTo(route) }), 'connect', signal, (e) => toTransportError(e, url));
}

/** Binds to the source address; a host name then resolves to that address's IP version only, the one it can reach. */
function bindTo(route: ConnectionRoute): { localAddress?: string; family?: number } {
  return route.localAddress === undefined ? {} : { localAddress: route.localAddress, family: net.isIP(route.localAddress) };
}

/** SNI carries DNS names only (RFC 6066 3); node checks the certificate against servername or host. */
function serverTlsOptions(route: ConnectionRoute, options: tls.ConnectionOptions, socket?: net.Socket): tls.ConnectionOptions {
  const servername = options.servername ?? (net.isIP(route.host) === 0 ? route.host : undefined);
  return { ...options, host: route.host, port: route.port, ...(servername === undefined ? {} : { servername }), ...(socket ? { socket } : {}) };
}

async function openTunnel(route: ConnectionRoute, proxy: ResolvedProxy, options: tls.ConnectionOptions, url: string, signal: AbortSignal): Promise<net.Socket> {
  const toProxy = await connected(net.connect({ host: proxy.host, port: proxy.port, ...bindTo(route) }), 'connect', signal, (e) => proxyError(e, proxy, route));
  const target = hostAndPort(route);
  const authorization = proxy.authorization ? `Proxy-Authorization: ${proxy.authorization}\r\n` : '';
  toProxy.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${authorization}\r\n`);
  try {
    await tunnelEstablished(toProxy, proxy, target, signal);
  } catch (error) {
    toProxy.destroy();
    throw error instanceof TransportError ? error : proxyError(error, proxy, route);
  }
  return connected(tls.connect(serverTlsOptions(route, options, toProxy)), 'secureConnect', signal, (e) => toTransportError(e, url));
}

/** Reads the proxy's answer to CONNECT: a 2xx status line and headers, nothing after them. */
function tunnelEstablished(socket: net.Socket, proxy: ResolvedProxy, target: string, signal: AbortSignal): Promise<void> {
  const proxyName = `proxy ${proxy.url.origin}`;
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const done = (error?: unknown) => {
      socket.off('data', onData);
      socket.off('error', done);
      socket.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => done(signal.reason);
    const onClose = () => done(new TransportError('truncated', `${proxyName} closed the connection instead of opening a tunnel to ${target}`, { url: proxy.url.origin }));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_CONNECT_HEAD_BYTES) done(new TransportError('http-status', `${proxyName} sent an over-long answer to CONNECT ${target}`, { url: proxy.url.origin }));
        return;
      }
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const status = readStatusLine(statusLine);
      if (!status || status.status < 200 || status.status > 299) {
        const shown = status ? `HTTP ${status.status} ${status.reason}`.trim() : `"${statusLine.slice(0, 80)}"`;
        done(new TransportError('http-status', `${proxyName} refused to open a tunnel to ${target}: ${shown}`, { url: proxy.url.origin, status: status?.status }));
      } else if (end + 4 !== head.length) {
        done(new TransportError('http-status', `${proxyName} sent data into the tunnel to ${target} before TLS started`, { url: proxy.url.origin }));
      } else {
        done();
      }
    };
    socket.on('data', onData);
    socket.on('error', done);
    socket.on('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function proxyError(error: unknown, proxy: ResolvedProxy, route: ConnectionRoute): TransportError {
  return toTransportError(error, proxy.url.origin, `proxy ${proxy.url.origin} (on the way to ${hostAndPort(route)})`);
}

/** 'host:port', with an IPv6 address in brackets: CONNECT's request target. */
function hostAndPort(route: ConnectionRoute): string {
  return `${net.isIPv6(route.host) ? `[${route.host}]` : route.host}:${route.port}`;
}

/** Resolves with the socket once `readyEvent` fires; an error or abort before that destroys it. */
function connected(socket: net.Socket, readyEvent: 'connect' | 'secureConnect', signal: AbortSignal, describe: (error: unknown) => unknown): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const finish = (error?: unknown) => {
      socket.off(readyEvent, onReady);
      socket.off('error', onError);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(error);
    };
    const onReady = () => finish();
    const onError = (error: unknown) => finish(describe(error));
    const onAbort = () => finish(signal.reason);
    socket.once(readyEvent, onReady);
    socket.on('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
