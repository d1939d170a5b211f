import type { CmpSendOptions, CmpTransport } from './cmp_transport';
import { TransportError } from './transport_error';

/** Answers one request; may throw a TransportError to simulate a network failure. */
export type CmpRequestHandler = (request: Uint8Array) => Promise<Uint8Array>;

/**
 * A transport that hands each request to a function in the same process: the transaction engine's unit tests
 * and the embedded lab CA use it. Timeout, abort and close behave as over HTTP, so the engine sees the same errors.
 */
export class InMemoryTransport implements CmpTransport {
  readonly url: string;
  private readonly handler: CmpRequestHandler;
  private readonly pending = new Set<(error: TransportError) => void>();
  private closed = false;

  constructor(handler: CmpRequestHandler, name = 'in-memory') {
    this.handler = handler;
    this.url = `memory:${name}`;
  }

  send(request: Uint8Array, options: CmpSendOptions = {}): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new TransportError('closed', `CMP server ${this.url}: the transport is closed`, { url: this.url }));
    if (options.signal?.aborted) return Promise.reject(this.abortedError());
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (error: TransportError | undefined, response?: Uint8Array) => {
        if (!this.pending.delete(cancel)) return;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(response as Uint8Array);
      };
      const cancel = (error: TransportError) => finish(error);
      const onAbort = () => finish(this.abortedError());
      this.pending.add(cancel);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.timeoutMs !== undefined) {
        const timeoutMs = options.timeoutMs;
        timer = setTimeout(() => finish(new TransportError('timeout', `CMP server ${this.url}: no response within the message timeout of ${timeoutMs} ms`, { url: this.url })), timeoutMs);
      }
      // Copies keep the handler and the caller from sharing (and mutating) one buffer.
      Promise.resolve()
        .then(() => this.handler(request.slice()))
        .then(
          (response) => finish(undefined, response.slice()),
          (error: unknown) =>
            finish(error instanceof TransportError ? error : new TransportError('connection-refused', `CMP server ${this.url}: the handler failed: ${String(error)}`, { url: this.url, cause: error })),
        );
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const error = new TransportError('closed', `CMP server ${this.url}: the transport was closed while waiting for the response`, { url: this.url });
    for (const cancel of [...this.pending]) cancel(error);
  }

  private abortedError(): TransportError {
    return new TransportError('aborted', `CMP server ${this.url}: the exchange was cancelled`, { url: this.url });
  }
}
