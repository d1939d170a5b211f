import type { CmpSendOptions, CmpTransport } from './cmp_transport';
import { ServerGroupError, TransportError, type ServerFailure } from './transport_error';

/** One CmpServer of a group: the name the administrator gave it and its own transport. */
export interface GroupServer {
  name: string;
  transport: CmpTransport;
  /** This server's own message timeout: an exchange with it never waits longer, whatever the caller allows. */
  messageTimeoutMs?: number;
}

/** A response and the server that gave it; the rest of that transaction must go to `server` (see pinned()). */
export interface GroupResponse {
  response: Uint8Array;
  server: GroupServer;
}

/** Failures that are the caller's doing, not the server's: they end the exchange instead of moving on. */
const NOT_A_SERVER_FAILURE = new Set(['aborted', 'closed']);

/**
 * A ServerGroup (1..10 CmpServers) as one transport. An exchange starts at the current server; if that server
 * fails (connection, TLS, timeout, HTTP status or content), the exchange passes to the next server in configured
 * order, round-robin. The server that answers becomes current. When all fail, the next exchange starts again
 * at the first server of the list and the caller gets a ServerGroupError listing every failure.
 */
export class ServerGroupTransport implements CmpTransport {
  readonly name: string;
  readonly servers: readonly GroupServer[];
  private currentIndex = 0;
  private closed = false;

  constructor(name: string, servers: readonly GroupServer[]) {
    if (servers.length < 1 || servers.length > 10) {
      throw new RangeError(`Server group '${name}' must contain 1 to 10 CMP servers, not ${servers.length}`);
    }
    this.name = name;
    this.servers = [...servers];
  }

  /** The server the next exchange starts with: the last one that answered. */
  get currentServer(): GroupServer {
    return this.servers[this.currentIndex];
  }

  async send(request: Uint8Array, options?: CmpSendOptions): Promise<Uint8Array> {
    return (await this.sendWithServer(request, options)).response;
  }

  /** Like send(), and also tells which server answered — the one a multi-message transaction has to stay with. */
  async sendWithServer(request: Uint8Array, options: CmpSendOptions = {}): Promise<GroupResponse> {
    const failures: ServerFailure[] = [];
    const start = this.currentIndex;
    for (let step = 0; step < this.servers.length; step++) {
      if (this.closed) throw this.closedError();
      const index = (start + step) % this.servers.length;
      const server = this.servers[index];
      try {
        const response = await server.transport.send(request, withServerTimeout(options, server));
        this.currentIndex = index;
        return { response, server };
      } catch (error) {
        const failure = error instanceof TransportError ? error : new TransportError('connection-refused', `CMP server '${server.name}': ${String(error)}`, { cause: error });
        if (NOT_A_SERVER_FAILURE.has(failure.code)) throw failure;
        failures.push({ server: server.name, error: failure });
      }
    }
    this.currentIndex = 0;
    throw new ServerGroupError(this.name, failures);
  }

  /**
   * A transport bound to one server of this group (by name or the object from GroupResponse), without failover:
   * a transaction that one server holds (polling, certConf) must not wander to another.
   */
  pinned(server: string | GroupServer): CmpTransport {
    const member = this.servers.find((candidate) => candidate === server || candidate.name === server);
    if (member === undefined) throw new RangeError(`Server group '${this.name}' has no CMP server '${typeof server === 'string' ? server : server.name}'`);
    return {
      send: (request, options) => (this.closed ? Promise.reject(this.closedError()) : member.transport.send(request, withServerTimeout(options ?? {}, member))),
      close: () => undefined,
    };
  }

  /** Closes every server's transport, rejecting what is pending. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const server of this.servers) server.transport.close();
  }

  private closedError(): TransportError {
    return new TransportError('closed', `Server group '${this.name}' was closed`);
  }
}

/** The caller's timeout (what remains of the total timeout), shortened to the server's own message timeout. */
function withServerTimeout(options: CmpSendOptions, server: GroupServer): CmpSendOptions {
  if (server.messageTimeoutMs === undefined) return options;
  return { ...options, timeoutMs: Math.min(options.timeoutMs ?? Number.POSITIVE_INFINITY, server.messageTimeoutMs) };
}
