import { createIpcClient, type ClientTransport, type IpcClient } from '../../src-shared/ipc/index';
import { createWebSocketTransport, type ConnectionState } from './websocket_transport';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a browser. */
    cmpDesk?: ClientTransport;
  }
}

export interface Connection {
  client: IpcClient;
  /** Electron's IPC cannot drop; the WebSocket can, and the status bar shows it. */
  kind: 'electron' | 'websocket';
}

/**
 * Picks the transport the page was started with: the preload's bridge in Electron, otherwise the
 * web host's WebSocket on the same origin (authenticated by the host's HttpOnly cookie).
 */
export function connect(onStateChange: (state: ConnectionState) => void, onProblem: (message: string) => void): Connection {
  const options = { onInvalidEvent: (error: Error) => onProblem(error.message) };
  if (window.cmpDesk) {
    onStateChange('open');
    return { client: createIpcClient(window.cmpDesk, options), kind: 'electron' };
  }
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc`;
  const transport = createWebSocketTransport(url, (u) => new WebSocket(u), { onStateChange, onInvalidMessage: (e) => onProblem(e.message) });
  return { client: createIpcClient(transport, options), kind: 'websocket' };
}
