import http from 'node:http';
import https from 'node:https';
import type { CmpSendOptions, CmpTransport } from './cmp_transport';
import { toTransportError } from './node_errors';
import { bypassesProxy, resolveProxy, TunnelingAgent, type ProxyConfig, type ResolvedProxy } from './proxy';
import { tlsConnectionOptions, type TlsSettings } from './tls_settings';
import { TransportError } from './transport_error';
import { readCmpResponse } from './response_reader';

export const PKIXCMP_MEDIA_TYPE = 'application/pkixcmp';
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_MESSAGE_TIMEOUT_MS = 60_000;

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
}

/**
 * CMP over HTTP(S) as RFC 9811 describes it: one POST per PKIMessage, `application/pkixcmp` both ways,
 * no caching. Connections are kept alive and pooled so many transactions can share one server.
 */
export class HttpTransport implements CmpTransport {
  readonly url: string;
  private readonly target: URL;
  private readonly agent: http.Agent;
  private readonly proxy?: ResolvedProxy;
  private readonly messageTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly pending = new Set<(error: TransportError) => void>();
  private closed = false;

  constructor(options: HttpTransportOptions) {
    this.target = new URL(options.url);
    this.url = this.target.toString();
    const secure = this.target.protocol === 'https:';
    if (!secure && this.target.protocol !== 'http:') throw new RangeError(`CMP server URL ${options.url} must start with http:// or https://`);
    if (secure && options.tls === undefined) throw new RangeError(`CMP server URL ${options.url} uses HTTPS but no TLS profile was given`);
    this.messageTimeoutMs = options.messageTimeoutMs ?? DEFAULT_MESSAGE_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

    const port = Number(this.target.port || (secure ? 443 : 80));
    const useProxy = options.proxy !== undefined && !bypassesProxy(this.target.hostname, port, options.proxy.noProxy ?? []);
    this.proxy = useProxy && options.proxy ? resolveProxy(options.proxy) : undefined;

    const pool: http.AgentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 32, scheduling: 'lifo', timeout: 30_000 };
    if (secure) {
      const tlsOptions = tlsConnectionOptions(options.tls as TlsSettings);
      this.agent = this.proxy ? new TunnelingAgent(this.proxy, { ...pool, ...tlsOptions }) : new https.Agent({ ...pool, ...tlsOptions });
    } else {
      this.agent = new http.Agent(pool);
    }
  }

  send(request: Uint8Array, options: CmpSendOptions = {}): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new TransportError('closed', `CMP server ${this.url}: the connection was closed before the message was sent`, { url: this.url }));
    if (options.signal?.aborted) return Promise.reject(this.abortedError());
    return new Promise((resolve, reject) => this.exchange(request, options, resolve, reject, true));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pending.size > 0) {
      const error = new TransportError('closed', `CMP server ${this.url}: the transport was closed while waiting for the response`, { url: this.url });
      for (const cancel of [...this.pending]) cancel(error);
    }
    this.agent.destroy();
  }

  /** One POST. A request that fails on a reused keep-alive socket before any response is retried once on a fresh one. */
  private exchange(
    body: Uint8Array,
    options: CmpSendOptions,
    resolve: (response: Uint8Array) => void,
    reject: (error: TransportError) => void,
    mayRetry: boolean,
  ): void {
    const timeoutMs = options.timeoutMs ?? this.messageTimeoutMs;
    const req = this.agentRequest(body.byteLength);
    let settled = false;
    let responded = false;
    const finish = (error: TransportError | undefined, response?: Uint8Array) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      this.pending.delete(cancel);
      if (error) reject(error);
      else resolve(response as Uint8Array);
    };
    const cancel = (error: TransportError) => {
      finish(error);
      req.destroy();
    };
    const onAbort = () => cancel(this.abortedError());
    const timer = setTimeout(
      () => cancel(new TransportError('timeout', `CMP server ${this.url}: no complete response within the message timeout of ${timeoutMs} ms`, { url: this.url })),
      timeoutMs,
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });
    this.pending.add(cancel);

    req.on('error', (error) => {
      if (settled) return;
      if (mayRetry && !responded && req.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(cancel);
        this.exchange(body, options, resolve, reject, false);
        return;
      }
      finish(toTransportError(error, this.url));
    });
    req.on('response', (response) => {
      responded = true;
      readCmpResponse(response, { url: this.url, maxBytes: this.maxResponseBytes }).then(
        (bytes) => finish(undefined, bytes),
        (error: TransportError) => cancel(error),
      );
    });
    req.end(body);
  }

  private agentRequest(contentLength: number): http.ClientRequest {
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': PKIXCMP_MEDIA_TYPE,
      Accept: PKIXCMP_MEDIA_TYPE,
      'Cache-Control': 'no-cache',
      Pragma: 'no-cache',
      'Content-Length': contentLength,
    };
    const port = this.target.port || undefined;
    if (this.proxy && this.target.protocol === 'http:') {
      // Plain HTTP through a proxy: the request line carries the absolute URI.
      if (this.proxy.authorization) headers['Proxy-Authorization'] = this.proxy.authorization;
      headers.Host = this.target.host;
      return http.request({ host: this.proxy.host, port: this.proxy.port, method: 'POST', path: this.url, headers, agent: this.agent });
    }
    const requestFn = this.target.protocol === 'https:' ? https.request : http.request;
    return requestFn({
      host: this.target.hostname.replace(/^\[|\]$/g, ''),
      port,
      method: 'POST',
      path: `${this.target.pathname}${this.target.search}`,
      headers,
      agent: this.agent,
    });
  }

  private abortedError(): TransportError {
    return new TransportError('aborted', `CMP server ${this.url}: the exchange was cancelled`, { url: this.url });
  }
}
