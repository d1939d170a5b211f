import { IpcError, type IpcClient } from '../../src-shared/ipc/index';
import { setIpcClient } from './client';
import { activityLimit, useAppStore } from './store';

/** How often the status bar asks main for app.health. */
export const healthIntervalMs = 30_000;

/** Bursts of record changes (a tick over many records) become one reload. */
const reloadDelayMs = 150;

/**
 * The one module that subscribes to pushed IPC events and calls setState: log lines, transaction
 * progress, notifications (shown, or a click that opens a record), record changes (which reload
 * the list, the open record and the timeline). It also hands the client to the store actions and
 * loads what the first screen needs. Returns a disposer.
 */
export function startIpcBridge(client: IpcClient): () => void {
  const set = useAppStore.setState;
  const get = useAppStore.getState;
  const report = (error: unknown) => set({ problem: error instanceof IpcError ? error.message : String(error) });
  setIpcClient(client);

  const disposeLog = client.on('app.log', (entry) => {
    set((s) => ({ activity: [...s.activity.slice(-(activityLimit - 1)), entry] }));
  });
  const disposeProgress = client.on('transactions.progress', (event) => get().addProgress(event));
  const disposeNotices = client.on('notifications.show', (notification) => get().showNotice(notification));
  // A click on an OS notification (desktop app): the record's certificate detail.
  const disposeOpenRecord = client.on('notifications.open-record', ({ recordId }) => {
    get().showSection('certificates');
    void get().openRecord(recordId);
  });

  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  const changed = new Set<string>();
  const disposeChanged = client.on('records.changed', ({ recordIds }) => {
    for (const id of recordIds) changed.add(id);
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      const ids = new Set(changed);
      changed.clear();
      const state = get();
      void state.loadRecords();
      if (state.openRecordId && ids.has(state.openRecordId)) void state.reloadDetail();
      if (state.timelineIds.some((id) => ids.has(id))) void state.loadTimeline(state.timelineIds);
    }, reloadDelayMs);
  });

  const refreshHealth = () =>
    client.invoke('app.health', {}).then((health) => set({ health, problem: undefined }), report);

  void client.invoke('app.info', {}).then((info) => set({ info }), report);
  void refreshHealth();
  void get().loadRecords();
  void get().loadWizard();
  const timer = setInterval(() => void refreshHealth(), healthIntervalMs);

  return () => {
    clearInterval(timer);
    clearTimeout(reloadTimer);
    disposeLog();
    disposeProgress();
    disposeNotices();
    disposeOpenRecord();
    disposeChanged();
    setIpcClient(undefined);
  };
}
