import type net from 'node:net';
import { Http1ResponseParser, type Http1ParserLimits, type ParsedResponse } from './http1_response_parser';

/**
 * One connection to a CMP server (or to the proxy in front of it) carrying one request at a time,
 * as HTTP/1.1 keep-alive does. A request is written with a single write (head and DER body
 * together, so Nagle never holds the body back), and the answer is read by Http1ResponseParser.
 *
 * Between requests the socket is unref'd: an idle keep-alive connection must not keep a CLI run
 * or a test process alive.
 */
export class Http1Connection {
  /** Whether a request was already answered on this connection (a reused connection may have been closed by the peer meanwhile). */
  reused = false;
  private closed = false;
  private current?: {
    parser: Http1ResponseParser;
    resolve(response: ParsedResponse): void;
    reject(error: unknown): void;
  };
  private responseStarted = false;
  private readonly closeListeners = new Set<() => void>();

  constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.onClose());
    // Only armed between requests (release), so it closes connections that stayed idle too long.
    socket.on('timeout', () => socket.destroy());
  }

  get isOpen(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  /** Whether the peer sent any byte of the response in flight (a failure before that may be retried). */
  get answeredAnything(): boolean {
    return this.responseStarted;
  }

  /** Sends `request` and resolves with the response read under `limits`; rejects with the socket's error or an Http1 parse error. */
  request(request: Buffer, limits: Http1ParserLimits): Promise<ParsedResponse> {
    if (this.current) return Promise.reject(new Error('Http1Connection carries one request at a time'));
    if (!this.isOpen) return Promise.reject(Object.assign(new Error('the connection is closed'), { code: 'ECONNRESET' }));
    this.socket.ref();
    this.socket.setTimeout(0);
    return new Promise((resolve, reject) => {
      this.current = { parser: new Http1ResponseParser(limits), resolve, reject };
      this.responseStarted = false;
      this.socket.write(request);
    });
  }

  /** Hands the connection back for the next request; unused for `idleMs`, it closes. */
  release(idleMs: number): void {
    this.current = undefined;
    this.reused = true;
    this.socket.unref();
    this.socket.setTimeout(idleMs);
  }

  /** Called once when the connection closes (by either side), e.g. to drop it from a pool. */
  onClosed(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    const current = this.current;
    if (!current) {
      // Bytes nobody asked for: the connection's state is unknown, so it is not used again.
      this.socket.destroy();
      return;
    }
    this.responseStarted = true;
    let response: ParsedResponse | undefined;
    try {
      response = current.parser.feed(chunk);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!response) return;
    this.current = undefined;
    if (response.kind === 'limited' || !response.reusable) this.socket.destroy();
    current.resolve(response);
  }

  private onClose(): void {
    this.closed = true;
    const current = this.current;
    if (current) {
      this.current = undefined;
      try {
        current.resolve(current.parser.finish());
      } catch (error) {
        current.reject(error);
      }
    }
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }

  private fail(error: unknown): void {
    const current = this.current;
    this.current = undefined;
    this.socket.destroy();
    current?.reject(error);
  }
}
