import type { IpcRenderer } from 'electron';
import { isCommandName, isEventName, type ClientTransport, type IpcResult } from '../../../src-shared/ipc/index';
import { eventChannel, invokeChannel } from './channels';

/**
 * What the preload exposes as `window.cmpDesk`: invoke and on, for contract names only. The
 * renderer never sees ipcRenderer or the Electron event object.
 */
export function createPreloadBridge(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): ClientTransport {
  return {
    invoke(command, payload): Promise<IpcResult> {
      if (!isCommandName(command)) {
        return Promise.resolve({ ok: false, error: { code: 'unknown-command', message: `unknown command ${JSON.stringify(String(command)).slice(0, 200)}` } });
      }
      return ipcRenderer.invoke(invokeChannel(command), payload) as Promise<IpcResult>;
    },
    on(event, listener) {
      if (!isEventName(event)) return () => {};
      const channel = eventChannel(event);
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  };
}
