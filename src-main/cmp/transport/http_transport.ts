import type { CmpSendOptions, CmpTransport } from './cmp_transport';
import { openConnection, type ConnectionRoute } from './connection_opener';
import { Http1Connection } from './http1_connection';
import { Http1FormatError, Http1TruncatedError } from './http1_response_parser';
import { toTransportError } from './node_errors';
import { bypassesProxy, resolveProxy, type ProxyConfig } from './proxy';
import { cmpResponseBody, CMP_RESPONSE_HEAD_LIMIT, responseBodyLimit } from './response_reader';
import { tlsConnectionOptions, type TlsSettings } from './tls_settings';
import { TransportError } from './transport_error';

export const PKIXCMP_MEDIA_TYPE = 'application/pkixcmp';
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_MESSAGE_TIMEOUT_MS = 60_000;
/** An idle keep-alive connection is closed after this long; servers drop theirs after similar times. */
const IDLE_CONNECTION_MS = 30_000;

export interface HttpTransportOptions {
  /** http:// or https:// URL including the path, e.g. from wellKnownCmpUrl(). */
  url: string;
  /** Required for https:// URLs. */
  tls?: TlsSettings;
  proxy?: ProxyConfig;
  /** Message timeout used when send() is not given one. Default 60 s. */
  messageTimeoutMs?: number;
  /** Largest response body accepted. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Parallel connections to the server (keep-alive pool size). Default 32. */
  maxSockets?: number;
  /** The local IP address connections leave from (CmpServer.sourceAddress); to the proxy when one is used. */
  localAddress?: string;
}

/**
 * CMP over HTTP(S) as RFC 9811 describes it: one POST per PKIMessage, `application/pkixcmp` both ways,
 * no caching. Connections are kept alive and pooled (most recently used first) so many transactions
 * can share one server; a request that fails on a reused connection before any answer is retried once
 * on a new one, because the server may have closed the idle connection meanwhile.
 */
export class HttpTransport implements CmpTransport {
  readonly url: string;
  private readonly route: ConnectionRoute;
  /** The request line's target: the path, or the absolute URI when a proxy forwards plain HTTP. */
  private readonly requestTarget: string;
  private readonly headerLines: string;
  private readonly messageTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly maxSockets: number;
  private readonly idle: Http1Connection[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Set<(error: TransportError) => void>();
  private connectionsInUse = 0;
  private closed = false;

  constructor(options: HttpTransportOptions) {
    const target = new URL(options.url);
    this.url = target.toString();
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') throw new RangeError(`CMP server URL ${options.url} must start with http:// or https://`);
    if (secure && options.tls === undefined) throw new RangeError(`CMP server URL ${options.url} uses HTTPS but no TLS profile was given`);
    this.messageTimeoutMs = options.messageTimeoutMs ?? DEFAULT_MESSAGE_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.maxSockets = options.maxSockets ?? 32;

    const port = Number(target.port || (secure ? 443 : 80));
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const useProxy = options.proxy !== undefined && !bypassesProxy(host, port, options.proxy.noProxy ?? []);
    const proxy = useProxy && options.proxy ? resolveProxy(options.proxy) : undefined;
    this.route = { host, port, ...(secure ? { tls: tlsConnectionOptions(options.tls as TlsSettings) } : {}), ...(proxy ? { proxy } : {}), ...(options.localAddress ? { localAddress: options.localAddress } : {}) };
    const forwardedByProxy = proxy !== undefined && !secure;
    this.requestTarget = forwardedByProxy ? this.url : `${target.pathname}${target.search}`;
    this.headerLines = [
      `Host: ${target.host}`,
      `Content-Type: ${PKIXCMP_MEDIA_TYPE}`,
      `Accept: ${PKIXCMP_MEDIA_TYPE}`,
      'Cache-Control: no-cache',
      'Pragma: no-cache',
      'Connection: keep-alive',
      ...(forwardedByProxy && proxy.authorization ? [`Proxy-Authorization: ${proxy.authorization}`] : []),
    ].join('\r\n');
  }

  send(request: Uint8Array, options: CmpSendOptions = {}): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new TransportError('closed', `CMP server ${this.url}: the connection was closed before the message was sent`, { url: this.url }));
    if (options.signal?.aborted) return Promise.reject(this.abortedError());
    return this.exchange(request, options);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pending.size > 0) {
      const error = new TransportError('closed', `CMP server ${this.url}: the transport was closed while waiting for the response`, { url: this.url });
      for (const cancel of [...this.pending]) cancel(error);
    }
    for (const connection of this.idle.splice(0)) connection.destroy();
  }

  /** One POST under the message timeout, the caller's signal and close(); every failure becomes a TransportError. */
  private async exchange(body: Uint8Array, options: CmpSendOptions): Promise<Uint8Array> {
    const timeoutMs = options.timeoutMs ?? this.messageTimeoutMs;
    const stop = new AbortController();
    let connection: Http1Connection | undefined;
    const cancel = (error: TransportError) => {
      if (stop.signal.aborted) return;
      stop.abort(error);
      connection?.destroy();
    };
    const onAbort = () => cancel(this.abortedError());
    const timer = setTimeout(() => cancel(new TransportError('timeout', `CMP server ${this.url}: no complete response within the message timeout of ${timeoutMs} ms`, { url: this.url })), timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    this.pending.add(cancel);
    const request = Buffer.concat([Buffer.from(`POST ${this.requestTarget} HTTP/1.1\r\n${this.headerLines}\r\nContent-Length: ${body.byteLength}\r\n\r\n`, 'latin1'), body]);
    try {
      for (let attempt = 1; ; attempt++) {
        connection = await this.acquire(stop.signal);
        try {
          const response = await connection.request(request, { maxHeadBytes: CMP_RESPONSE_HEAD_LIMIT, bodyLimit: (head) => responseBodyLimit(head, this.maxResponseBytes) });
          const answer = cmpResponseBody(response, { url: this.url, maxBytes: this.maxResponseBytes });
          this.giveBack(connection);
          return answer;
        } catch (error) {
          if (stop.signal.aborted) throw stop.signal.reason as TransportError;
          connection.destroy();
          this.giveBack(connection);
          // A kept-alive connection the server closed meanwhile fails before any answer: once more on a new one.
          if (attempt === 1 && connection.reused && !connection.answeredAnything && isDropped(error)) continue;
          throw this.describe(error);
        }
      }
    } catch (error) {
      throw stop.signal.aborted ? (stop.signal.reason as TransportError) : this.describe(error);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      this.pending.delete(cancel);
    }
  }

  /** An idle kept-alive connection, else a new one once fewer than maxSockets are in use. */
  private async acquire(signal: AbortSignal): Promise<Http1Connection> {
    while (this.connectionsInUse >= this.maxSockets) await this.turn(signal);
    this.connectionsInUse++;
    for (let idle = this.idle.pop(); idle; idle = this.idle.pop()) if (idle.isOpen) return idle;
    try {
      return this.watched(new Http1Connection(await openConnection(this.route, this.url, signal)));
    } catch (error) {
      this.connectionsInUse--;
      this.waiting.shift()?.();
      throw error;
    }
  }

  private turn(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(ready), 1);
        reject(signal.reason);
      };
      const ready = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(ready);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private giveBack(connection: Http1Connection): void {
    this.connectionsInUse--;
    if (connection.isOpen && !this.closed) {
      connection.release(IDLE_CONNECTION_MS);
      this.idle.push(connection);
    }
    this.waiting.shift()?.();
  }

  /** Drops a pooled connection from the pool when it closes (the server hung up, or it stayed idle too long). */
  private watched(connection: Http1Connection): Http1Connection {
    connection.onClosed(() => {
      const index = this.idle.indexOf(connection);
      if (index >= 0) this.idle.splice(index, 1);
    });
    return connection;
  }

  private describe(error: unknown): TransportError {
    if (error instanceof Http1TruncatedError) {
      if (error.head === undefined) return new TransportError('truncated', `CMP server ${this.url}: the server closed the connection before sending a complete response`, { url: this.url });
      const announced = error.head.contentLength === undefined ? '' : ` (Content-Length ${error.head.contentLength})`;
      return new TransportError('truncated', `CMP server ${this.url}: the connection closed after ${error.received} bytes of the response${announced}`, { url: this.url });
    }
    if (error instanceof Http1FormatError) return new TransportError('http-status', `CMP server ${this.url}: the answer is not a readable HTTP response: ${error.message}`, { url: this.url, cause: error });
    return toTransportError(error, this.url);
  }

  private abortedError(): TransportError {
    return new TransportError('aborted', `CMP server ${this.url}: the exchange was cancelled`, { url: this.url });
  }
}

function isDropped(error: unknown): boolean {
  if (error instanceof Http1TruncatedError) return error.head === undefined;
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}
