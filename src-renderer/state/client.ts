import { IpcError, type IpcClient } from '../../src-shared/ipc/index';

let current: IpcClient | undefined;

/** Set once by the IPC bridge; store actions reach main only through this. */
export function setIpcClient(client: IpcClient | undefined): void {
  current = client;
}

export function ipc(): IpcClient {
  if (!current) throw new IpcError('transport-closed', 'Not connected to cmp-desk yet');
  return current;
}

/** The message to show where an action failed (IpcErrors are written for the administrator). */
export function errorText(error: unknown): string {
  if (error instanceof IpcError) return error.code === 'validation' && error.field ? `${error.message}` : error.message;
  return error instanceof Error ? error.message : String(error);
}
