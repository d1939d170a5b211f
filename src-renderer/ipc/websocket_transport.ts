import {
  IpcError,
  parsePayload,
  toRendererEnvelopeSchema,
  type ClientTransport,
  type Disposer,
  type IpcResult,
  type RequestEnvelope,
} from '../../src-shared/ipc/index';

/** The subset of the browser's WebSocket this transport uses (Node's `ws` has it too, for tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

/** Connection state for the status bar. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WebSocketTransportOptions {
  onStateChange?(state: ConnectionState): void;
  /** Told about messages from the host that are not valid envelopes (dropped). */
  onInvalidMessage?(error: IpcError): void;
}

const OPEN = 1;

/**
 * The web host's transport: JSON envelopes over one WebSocket. The browser authenticates the
 * upgrade with the HttpOnly cookie the host set on the first visit, so no token is handled here.
 * A closed socket rejects what is pending; the next call opens a new one (listeners are kept).
 */
export function createWebSocketTransport(url: string, factory: WebSocketFactory, options: WebSocketTransportOptions = {}): ClientTransport & { close(): void } {
  const pending = new Map<number, (outcome: IpcResult) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocketLike | undefined;
  let opened: Promise<WebSocketLike> | undefined;

  function connect(): Promise<WebSocketLike> {
    if (opened && socket && socket.readyState <= OPEN) return opened;
    options.onStateChange?.('connecting');
    const ws = factory(url);
    socket = ws;
    opened = new Promise((resolve, reject) => {
      ws.addEventListener('open', () => {
        options.onStateChange?.('open');
        resolve(ws);
      });
      ws.addEventListener('close', () => {
        reject(new IpcError('transport-closed', 'the connection to cmp-desk was refused or lost'));
        if (socket === ws) socket = undefined;
        for (const [id, settle] of pending) {
          pending.delete(id);
          settle({ ok: false, error: { code: 'transport-closed', message: 'the connection to cmp-desk was lost before it answered' } });
        }
        options.onStateChange?.('closed');
      });
    });
    opened.catch(() => {});
    ws.addEventListener('message', (event) => receive(event.data));
    return opened;
  }

  function receive(data: unknown): void {
    let envelope;
    try {
      envelope = parsePayload(toRendererEnvelopeSchema, typeof data === 'string' ? JSON.parse(data) : undefined, 'response', 'IPC envelope');
    } catch (error) {
      options.onInvalidMessage?.(error instanceof IpcError ? error : new IpcError('validation', 'a message from cmp-desk was not JSON', '(payload)'));
      return;
    }
    if (envelope.kind === 'response') {
      const settle = pending.get(envelope.id);
      pending.delete(envelope.id);
      settle?.(envelope.outcome as IpcResult);
    } else {
      for (const listener of [...(listeners.get(envelope.event) ?? [])]) listener(envelope.payload);
    }
  }

  return {
    async invoke(command, payload) {
      const ws = await connect();
      const id = nextId++;
      const envelope: RequestEnvelope = { kind: 'request', id, command, payload };
      return new Promise<IpcResult>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify(envelope));
      });
    },
    on(event, listener): Disposer {
      void connect().catch(() => {});
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    close() {
      socket?.close();
    },
  };
}
