import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { commandNames, type Dispatch, type Disposer, type EventHub, type IpcResult } from '../../../src-shared/ipc/index';
import { isAppUrl } from './app_protocol';
import { eventChannel, invokeChannel } from './channels';

/** Only the top frame of our own renderer may call main. */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/**
 * The one place that calls `ipcMain.handle`: one channel per contract command (the allowlist),
 * the sender frame checked on every call, the payload handed to the validating dispatcher.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, onRefused: (message: string) => void): Disposer {
  for (const command of commandNames) {
    ipcMain.handle(invokeChannel(command), async (event, payload: unknown): Promise<IpcResult> => {
      if (!isTrustedSender(event.senderFrame)) {
        onRefused(`refused ${command} from ${event.senderFrame?.url ?? 'a closed frame'}`);
        return { ok: false, error: { code: 'forbidden', message: `${command} may only be called by the cmp-desk window` } };
      }
      return dispatch(command, payload);
    });
  }
  return () => {
    for (const command of commandNames) ipcMain.removeHandler(invokeChannel(command));
  };
}

/** Pushes every contract event to one window until it closes. */
export function forwardEvents(events: EventHub, contents: Pick<WebContents, 'send' | 'isDestroyed' | 'once'>): Disposer {
  const dispose = events.subscribe((name, payload) => {
    if (!contents.isDestroyed()) contents.send(eventChannel(name), payload);
  });
  contents.once('destroyed', dispose);
  return dispose;
}
