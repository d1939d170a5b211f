import { IpcError, type IpcClient } from '../../src-shared/ipc/index';
import { activityLimit, useAppStore } from './store';

/** How often the status bar asks main for app.health. */
export const healthIntervalMs = 30_000;

/**
 * The one module that talks to IPC for the shell: loads app.info, keeps app.health fresh and
 * appends pushed log lines to the Activity slice. Returns a disposer that stops all of it.
 */
export function startIpcBridge(client: IpcClient): () => void {
  const set = useAppStore.setState;
  const report = (error: unknown) => set({ problem: error instanceof IpcError ? error.message : String(error) });

  const disposeLog = client.on('app.log', (entry) => {
    set((s) => ({ activity: [...s.activity.slice(-(activityLimit - 1)), entry] }));
  });
  const refreshHealth = () =>
    client.invoke('app.health', {}).then((health) => set({ health, problem: undefined }), report);

  void client.invoke('app.info', {}).then((info) => set({ info }), report);
  void refreshHealth();
  const timer = setInterval(() => void refreshHealth(), healthIntervalMs);

  return () => {
    clearInterval(timer);
    disposeLog();
  };
}
