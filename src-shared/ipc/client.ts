import { commands, events, type CommandName, type CommandRequest, type CommandResponse, type EventName, type EventPayload } from './contract';
import { ipcResultSchema, type IpcResult } from './envelope';
import type { Disposer } from './event_hub';
import { IpcError, IpcValidationError } from './errors';
import { parsePayload } from './validate';

/**
 * What a transport offers the renderer: untyped calls by contract name. The Electron preload's
 * `window.cmpDesk`, the WebSocket client and the in-process transport all have this shape.
 */
export interface ClientTransport {
  invoke(command: string, payload: unknown): Promise<IpcResult>;
  on(event: string, listener: (payload: unknown) => void): Disposer;
}

/** The renderer's typed view of the contract. */
export interface IpcClient {
  /** Resolves to the validated response; rejects only with IpcError (IpcValidationError for bad payloads). */
  invoke<K extends CommandName>(name: K, request: CommandRequest<K>): Promise<CommandResponse<K>>;
  /** Listens for a pushed event; invalid payloads never reach the listener. */
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): Disposer;
}

export interface IpcClientOptions {
  /** Told about pushed events that failed their schema (dropped instead of delivered). */
  onInvalidEvent?(error: IpcValidationError): void;
}

export function createIpcClient(transport: ClientTransport, options: IpcClientOptions = {}): IpcClient {
  return {
    async invoke(name, request) {
      const definition = commands[name];
      const payload = parsePayload(definition.request, request, 'request', name);
      let raw: unknown;
      try {
        raw = await transport.invoke(name, payload);
      } catch (error) {
        if (error instanceof IpcError) throw error;
        throw new IpcError('transport-closed', `${name}: the connection to the application failed (${error instanceof Error ? error.message : String(error)})`);
      }
      const outcome = parsePayload(ipcResultSchema, raw, 'response', name);
      if (!outcome.ok) throw IpcError.fromData(outcome.error);
      return parsePayload(definition.response, outcome.result, 'response', name) as CommandResponse<typeof name>;
    },
    on(name, listener) {
      const schema = events[name].payload;
      return transport.on(name, (payload) => {
        let parsed: EventPayload<typeof name>;
        try {
          parsed = parsePayload(schema, payload, 'event', name) as EventPayload<typeof name>;
        } catch (error) {
          if (error instanceof IpcValidationError) options.onInvalidEvent?.(error);
          return;
        }
        listener(parsed);
      });
    },
  };
}
