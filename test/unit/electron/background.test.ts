import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startElectronApp, type ElectronApi } from '../../../src-main/app/electron/start';
import type { BackgroundEngine } from '../../../src-main/app/service/background_engine';
import { acquireSchedulerLock } from '../../../src-main/app/service/scheduler_lock';
import { createInProcessTransport, createIpcClient } from '../../../src-shared/ipc/index';
import { saveFailingRecord } from '../app/failing_record';
import { createFakeElectron, FakeEvent } from './fake_electron';

const root = mkdtempSync(join(tmpdir(), 'cmp-desk-background-'));
const rendererDir = join(root, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>cmp-desk</title>');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An engine double that records what the tray asked of it. */
function fakeEngine(counts = { valid: 40, due: 2, failing: 1 }) {
  let release: () => void = () => {};
  const engine = {
    inFlightCount: 0,
    renewed: 0,
    paused: false,
    status: () => ({ state: 'running' as const }),
    started: () => Promise.resolve(),
    counts: () => counts,
    inFlight() {
      return this.inFlightCount;
    },
    async renewAllDue() {
      this.renewed++;
      return counts.due;
    },
    setPaused(paused: boolean) {
      this.paused = paused;
    },
    idle: () => new Promise<void>((resolve) => (release = resolve)),
    finishExchanges: () => release(),
  };
  return engine satisfies BackgroundEngine;
}

let folder = 0;
async function start(options: { engine?: BackgroundEngine; composedEngine?: boolean; argv?: string[]; wasOpenedAsHidden?: boolean } = {}) {
  const electron = createFakeElectron({ wasOpenedAsHidden: options.wasOpenedAsHidden });
  const dataDir = join(root, `data-${folder++}`);
  const started = startElectronApp(electron as unknown as ElectronApi, {
    rendererDir,
    preloadPath: '/p',
    iconPath: '/app/tray.png',
    argv: options.argv ?? [],
    env: { CMP_DESK_DATA_DIR: dataDir },
    backgroundEngine: options.composedEngine ? (app) => app.backgroundEngine : () => options.engine,
    autostartPath: join(dataDir, 'autostart', 'cmp-desk.desktop'),
    platform: 'linux',
  });
  electron.ready();
  const ready = await started.ready!;
  const window = electron.BrowserWindow.instances.at(-1)!;
  return { electron, ready, window, tray: electron.Tray.instances.at(-1)!, dataDir };
}

describe('Electron background: tray', () => {
  it('shows the counts and the background actions, and they reach the engine', async () => {
    const engine = fakeEngine();
    const { tray, window } = await start({ engine });
    expect(tray.icon).toBe('/app/tray.png');
    expect(tray.tooltip).toBe('cmp-desk: 40 valid, 2 due, 1 failing');
    expect(tray.menu!.items.map((i) => i.label ?? i.type)).toEqual(['40 valid', '2 due', '1 failing', 'separator', 'Open', 'Renew all due now', 'Pause automation', 'separator', 'Quit']);
    expect(tray.item('40 valid').enabled).toBe(false);

    tray.item('Renew all due now').click!();
    expect(engine.renewed).toBe(1);
    tray.item('Pause automation').click!();
    expect(engine.paused).toBe(true);
    expect(tray.item('Pause automation').checked).toBe(true);
    expect(tray.item('Renew all due now').enabled).toBe(false);
    expect(tray.tooltip).toContain('(automation paused)');

    window.hide();
    tray.item('Open').click!();
    expect(window.visible).toBe(true);
  });

  it('says when no engine runs and offers only Open and Quit', async () => {
    const { tray } = await start();
    expect(tray.menu!.items[0]).toMatchObject({ label: 'Lifecycle engine not running: this build has no lifecycle engine', enabled: false });
    expect(tray.item('Renew all due now').enabled).toBe(false);
    expect(tray.item('Pause automation').enabled).toBe(false);
  });
});

describe('Electron background: closing and quitting', () => {
  it('closing the window hides it to the tray; the first time a notification says so', async () => {
    const { electron, window } = await start({ engine: fakeEngine() });
    window.show();
    for (let i = 0; i < 2; i++) {
      const close = new FakeEvent();
      window.emit('close', close);
      expect(close.defaultPrevented).toBe(true);
      expect(window.visible).toBe(false);
    }
    expect(electron.Notification.instances.map((n) => n.options.title)).toEqual(['cmp-desk keeps running']);
    expect(electron.Notification.instances[0].shown).toBe(true);
    expect(electron.app.quitCalled).toBe(false);
  });

  it('quits at once when no exchange is in flight', async () => {
    const { electron, window } = await start({ engine: fakeEngine() });
    const quit = new FakeEvent();
    electron.app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(false);
    expect(electron.dialog.asked).toEqual([]);
    const close = new FakeEvent();
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(false);
  });

  it('asks while an exchange is in flight; "Wait, then quit" quits once the engine is idle', async () => {
    const engine = fakeEngine();
    engine.inFlightCount = 2;
    const { electron } = await start({ engine });
    electron.dialog.response = 0;
    const quit = new FakeEvent();
    electron.app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    expect(electron.dialog.asked[0]).toMatchObject({ message: '2 certificate exchange(s) with the CA are in progress', buttons: ['Wait, then quit', 'Quit now', 'Cancel'] });
    await Promise.resolve();
    await Promise.resolve();
    expect(electron.app.quitCalled).toBe(false);
    const quitted = new Promise<void>((resolve) => (electron.app.quit = () => resolve()));
    engine.finishExchanges();
    await quitted;
  });

  it('"Cancel" keeps the app running', async () => {
    const engine = fakeEngine();
    engine.inFlightCount = 1;
    const { electron } = await start({ engine });
    electron.dialog.response = 2;
    electron.app.emit('before-quit', new FakeEvent());
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(electron.app.quitCalled).toBe(false);
  });
});

describe('Electron background: launch at login', () => {
  it('on Linux writes and removes an XDG autostart entry that starts hidden', async () => {
    const { ready, dataDir } = await start();
    const entry = join(dataDir, 'autostart', 'cmp-desk.desktop');
    ready.background.setLaunchAtLogin(true);
    const text = readFileSync(entry, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toMatch(/^Exec=.+ --hidden$/m);
    expect(JSON.parse(readFileSync(join(dataDir, 'desktop-preferences.json'), 'utf8')).launchAtLogin).toBe(true);
    ready.background.setLaunchAtLogin(false);
    expect(existsSync(entry)).toBe(false);
  });

  it('elsewhere uses app.setLoginItemSettings with the hidden argument', async () => {
    const { electron, ready } = await start();
    const background = (await import('../../../src-main/app/electron/background')).installBackground(electron as unknown as ElectronApi, {
      window: electron.BrowserWindow.instances.at(-1) as unknown as Electron.BrowserWindow,
      iconPath: '/i.png',
      engine: undefined,
      preferences: (await import('../../../src-main/app/notifications/desktop_preferences')).DesktopPreferencesFile.inDataFolder(join(root, 'win')),
      events: ready.app.events,
      logger: ready.app.logger,
      platform: 'win32',
    });
    background.setLaunchAtLogin(true);
    expect(electron.app.loginItemSettings).toEqual([{ openAtLogin: true, openAsHidden: true, args: ['--hidden'] }]);
  });

  it('started by the login item (--hidden, or macOS wasOpenedAsHidden), the window stays hidden', async () => {
    const { window } = await start({ argv: ['--hidden'] });
    window.emit('ready-to-show');
    expect(window.visible).toBe(false);
    const shown = await start();
    shown.window.emit('ready-to-show');
    expect(shown.window.visible).toBe(true);
  });
});

describe('Electron background: notifications', () => {
  it('shows lifecycle notifications as OS notifications; a click opens the window and the record', async () => {
    const { electron, ready, window } = await start({ engine: fakeEngine() });
    const sent = window.webContents.sent;
    ready.background.notifier.notify({ kind: 'renewal-failed', recordId: 'rec-1', recordName: 'sip', message: 'KUR rejected', at: '2026-05-01T00:00:00.000Z' });
    const shown = electron.Notification.instances.at(-1)!;
    expect(shown.options).toEqual({ title: 'Renewal failed', body: 'KUR rejected' });
    window.hide();
    shown.emit('click');
    expect(window.visible).toBe(true);
    expect(sent).toContainEqual(['cmp-desk:event:notifications.open-record', { recordId: 'rec-1' }]);
  });
});

describe('Electron background: wired to the composed app', () => {
  /** Calls a contract command as the app window does. */
  const invoke = (electron: ReturnType<typeof createFakeElectron>, command: string, payload: unknown) =>
    electron.ipcMain.handlers.get(`cmp-desk:invoke:${command}`)!({ senderFrame: { url: 'cmp-desk://app/index.html', parent: null } }, payload);

  it('the tray counts the real engine\'s records and pause stops its tick', async () => {
    const { ready, tray } = await start({ composedEngine: true });
    await ready.app.backgroundEngine.idle();
    ready.background.refresh();
    expect(tray.menu!.items.slice(0, 3).map((i) => i.label)).toEqual(['0 valid', '0 due', '0 failing']);
    tray.item('Pause automation').click!();
    expect(ready.app.backgroundEngine.paused).toBe(true);
    expect(tray.tooltip).toContain('(automation paused)');
    tray.item('Pause automation').click!();
    expect(ready.app.backgroundEngine.paused).toBe(false);
  });

  it('an engine that did not start: the tray says so and why instead of zero counts, and app.health fails', async () => {
    const dataDir = join(root, `data-${folder}`);
    const service = acquireSchedulerLock({ dataDir, kind: 'service' });
    try {
      const { electron, ready, tray } = await start({ composedEngine: true });
      await ready.app.backgroundEngine.started();
      expect(tray.menu!.items[0]).toMatchObject({ label: expect.stringMatching(/^Lifecycle engine not running: the scheduler for this data folder already runs in the cmp-desk service/), enabled: false });
      expect(tray.menu!.items.map((i) => i.label)).not.toContain('0 valid');
      expect(tray.tooltip).toMatch(/^cmp-desk: lifecycle engine not running: the scheduler .*already runs in the cmp-desk service/);
      expect(tray.item('Renew all due now').enabled).toBe(false);
      expect(tray.item('Pause automation').enabled).toBe(false);
      const health = await invoke(electron, 'app.health', {});
      expect(health).toMatchObject({ ok: true, result: { status: 'failing' } });
      const engineCheck = (health as { result: { checks: { name: string; status: string; detail: string }[] } }).result.checks.find((c) => c.name === 'Lifecycle engine');
      expect(engineCheck).toMatchObject({ status: 'failing', detail: expect.stringContaining('already runs in the cmp-desk service') });
      await ready.app.close();
    } finally {
      service.release();
    }
  });

  it('a lifecycle failure becomes an OS notification, not a notifications.show event', async () => {
    const { electron, ready, window } = await start({ composedEngine: true });
    const client = createIpcClient(createInProcessTransport(ready.app.dispatch, ready.app.events));
    const recordId = await saveFailingRecord(client);
    await expect.poll(() => electron.Notification.instances.map((n) => n.options.title)).toContain('Renewal failed');
    const shown = electron.Notification.instances.find((n) => n.options.title === 'Renewal failed')!;
    expect(shown.shown).toBe(true);
    shown.emit('click');
    expect(window.webContents.sent).toContainEqual(['cmp-desk:event:notifications.open-record', { recordId }]);
    expect(window.webContents.sent.filter(([channel]) => channel === 'cmp-desk:event:notifications.show')).toEqual([]);
    await ready.app.backgroundEngine.idle();
    await ready.app.close();
  });

  it('Settings switches launch at login through the Background service', async () => {
    const { electron, dataDir } = await start({ composedEngine: true });
    const before = await invoke(electron, 'background.preferences.get', {});
    expect(before).toMatchObject({ ok: true, result: { launchAtLogin: false, launchAtLoginAvailable: true } });
    expect(await invoke(electron, 'background.preferences.set', { launchAtLogin: true })).toMatchObject({ ok: true, result: { launchAtLogin: true } });
    expect(readFileSync(join(dataDir, 'autostart', 'cmp-desk.desktop'), 'utf8')).toMatch(/^Exec=.+ --hidden$/m);
    expect(await invoke(electron, 'background.preferences.set', { launchAtLogin: false })).toMatchObject({ ok: true, result: { launchAtLogin: false } });
    expect(existsSync(join(dataDir, 'autostart', 'cmp-desk.desktop'))).toBe(false);
  });
});
