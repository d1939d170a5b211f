import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createInProcessTransport, createIpcClient } from '../../../src-shared/ipc/index';
import { composeApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';
import { startIpcBridge } from '../../../src-renderer/state/ipc_bridge';
import { noticeLimit } from '../../../src-renderer/state/notifications/slice';
import { activityLimit, initialAppState, useAppStore } from '../../../src-renderer/state/store';

const dataDir = mkdtempSync(join(tmpdir(), 'cmp-desk-renderer-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => useAppStore.setState(initialAppState, true));

function connected() {
  const app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: dataDir }), host: 'in-process' });
  return { app, stop: startIpcBridge(createIpcClient(createInProcessTransport(app.dispatch, app.events))) };
}

/** Resolves once the store satisfies `ready`, without polling: zustand tells us about each change. */
function storeReaches(ready: () => boolean): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = useAppStore.subscribe(() => {
      if (ready()) {
        unsubscribe();
        resolve();
      }
    });
  });
}

describe('the renderer IPC bridge', () => {
  it('loads app.info and app.health into the store', async () => {
    const { stop } = connected();
    await storeReaches(() => !!useAppStore.getState().info && !!useAppStore.getState().health);
    expect(useAppStore.getState().info).toMatchObject({ name: 'cmp-desk', host: 'in-process', dataDir });
    expect(useAppStore.getState().health?.status).toBe('ok');
    stop();
  });

  it('appends pushed log lines to Activity, keeps at most the limit, and stops when disposed', () => {
    const { app, stop } = connected();
    for (let i = 0; i < activityLimit + 5; i++) app.logger.info('test', `line ${i}`);
    const activity = useAppStore.getState().activity;
    expect(activity).toHaveLength(activityLimit);
    expect(activity.at(-1)?.message).toBe(`line ${activityLimit + 4}`);
    stop();
    app.logger.info('test', 'after stop');
    expect(useAppStore.getState().activity.at(-1)?.message).toBe(`line ${activityLimit + 4}`);
  });

  it('switches between sections and themes', () => {
    useAppStore.getState().showSection('trust');
    useAppStore.getState().setTheme('dark');
    expect(useAppStore.getState()).toMatchObject({ section: 'trust', theme: 'dark' });
  });

  it('shows pushed notifications until dismissed, the newest few', () => {
    const { app, stop } = connected();
    const at = new Date().toISOString();
    for (let i = 0; i < noticeLimit + 2; i++) {
      app.events.emit('notifications.show', { category: 'failures', title: 'Renewal failed', body: `record ${i}`, recordId: `rec-${i}`, count: 1, at });
    }
    const notices = useAppStore.getState().notices;
    expect(notices.map((n) => n.notification.body)).toEqual(Array.from({ length: noticeLimit }, (_, i) => `record ${i + 2}`));
    useAppStore.getState().dismissNotice(notices[0].id);
    expect(useAppStore.getState().notices).toHaveLength(noticeLimit - 1);
    expect(useAppStore.getState().notices[0].notification.body).toBe('record 3');
    stop();
  });

  it('a click on an OS notification opens the record in Certificates', () => {
    const { app, stop } = connected();
    app.events.emit('notifications.open-record', { recordId: 'rec-7' });
    expect(useAppStore.getState()).toMatchObject({ section: 'certificates', openRecordId: 'rec-7' });
    stop();
  });

  it('loads and changes the background preferences; a refusal is shown beside the switches', async () => {
    const { stop } = connected();
    await useAppStore.getState().loadBackgroundPreferences();
    expect(useAppStore.getState().backgroundPreferences?.launchAtLoginAvailable).toBe(false);
    await useAppStore.getState().changeBackgroundPreferences({ notifications: { 'expiry-warnings': false } });
    expect(useAppStore.getState().backgroundPreferences?.notifications['expiry-warnings']).toBe(false);
    await useAppStore.getState().changeBackgroundPreferences({ launchAtLogin: true });
    expect(useAppStore.getState().backgroundPreferencesError).toContain('cmp-desk service install');
    expect(useAppStore.getState().backgroundPreferences?.launchAtLogin).toBe(false);
    stop();
  });
});
