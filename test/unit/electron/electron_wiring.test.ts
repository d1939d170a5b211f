import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { commandNames } from '../../../src-shared/ipc/index';
import { startElectronApp, type ElectronApi } from '../../../src-main/app/electron/start';
import { createFakeElectron, FakeEvent, type FakeElectron } from './fake_electron';

const root = mkdtempSync(join(tmpdir(), 'cmp-desk-electron-'));
const rendererDir = join(root, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>cmp-desk</title>');
writeFileSync(join(root, 'outside.html'), 'not for the renderer');
afterAll(() => rmSync(root, { recursive: true, force: true }));

let electron: FakeElectron;

async function start(options: { lockAvailable?: boolean } = {}) {
  electron = createFakeElectron(options);
  const started = startElectronApp(electron as unknown as ElectronApi, {
    rendererDir,
    preloadPath: '/app/dist/electron/preload.cjs',
    iconPath: '/app/icon.png',
    argv: [],
    env: { CMP_DESK_DATA_DIR: join(root, 'data') },
  });
  electron.ready();
  await started.ready;
  return { started, window: electron.BrowserWindow.instances.at(-1)! };
}

/** Calls the registered ipcMain handler for a contract command as a frame with this URL would. */
function invokeAs(url: string, command: string, payload: unknown, parent: unknown = null) {
  const handler = electron.ipcMain.handlers.get(`cmp-desk:invoke:${command}`);
  if (!handler) throw new Error(`no handler for ${command}`);
  return handler({ senderFrame: { url, parent } }, payload);
}

describe('Electron main: the window', () => {
  beforeEach(() => start());

  it('creates one window with the secure web preferences and the preload', () => {
    const window = electron.BrowserWindow.instances.at(-1)!;
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(electron.app.sandboxEnabled).toBe(true);
  });

  it('loads the renderer from the custom protocol, not file://', () => {
    const window = electron.BrowserWindow.instances.at(-1)!;
    expect(window.loadedUrl).toBe('cmp-desk://app/index.html');
    expect(electron.protocol.privileged).toEqual([{ scheme: 'cmp-desk', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    // Privileged schemes must be registered before the app is ready.
    expect(electron.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(electron.calls.indexOf('protocol.handle:cmp-desk'));
  });

  it('blocks navigation, redirects, new windows and <webview>', () => {
    const contents = electron.BrowserWindow.instances.at(-1)!.webContents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = new FakeEvent();
      contents.emit(name, event, 'https://evil.example/');
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('hardens every web contents, not only the main window', () => {
    const other = new (createFakeElectron().BrowserWindow)({ webPreferences: {} }).webContents;
    electron.app.emit('web-contents-created', new FakeEvent(), other);
    const event = new FakeEvent();
    other.emit('will-navigate', event, 'https://evil.example/');
    expect(event.defaultPrevented).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'x' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check, and cancels network requests', () => {
    const session = electron.session.defaultSession;
    let granted: boolean | undefined;
    session.permissionRequestHandler?.({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(session.permissionCheckHandler?.({}, 'notifications', 'cmp-desk://app', {})).toBe(false);
    expect(session.devicePermissionHandler?.({})).toBe(false);
    expect(session.blockedUrls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'file://*/*']));
    let cancelled: boolean | undefined;
    session.beforeRequest?.({ url: 'https://evil.example/' }, (r) => (cancelled = r.cancel));
    expect(cancelled).toBe(true);
  });

  it('serves the renderer through the protocol handler with a CSP, and nothing outside it', async () => {
    const handler = electron.protocol.handlers.get('cmp-desk')!;
    const page = await handler(new Request('cmp-desk://app/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>cmp-desk</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe');
    expect((await handler(new Request('cmp-desk://app/../outside.html'))).status).toBe(404);
    expect((await handler(new Request('cmp-desk://app/%2e%2e/outside.html'))).status).toBe(404);
    expect((await handler(new Request('cmp-desk://other/index.html'))).status).toBe(404);
  });
});

describe('Electron main: IPC', () => {
  beforeEach(() => start());

  it('registers exactly one handler per contract command (the channel allowlist)', () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(commandNames.map((c) => `cmp-desk:invoke:${c}`).sort());
  });

  it('answers the app window', async () => {
    expect(await invokeAs('cmp-desk://app/index.html', 'app.info', {})).toMatchObject({ ok: true, result: { host: 'electron', name: 'cmp-desk' } });
  });

  it('refuses a sender from another origin, a subframe or a closed frame', async () => {
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    expect(await invokeAs('https://evil.example/', 'app.info', {})).toMatchObject(forbidden);
    expect(await invokeAs('file:///etc/passwd', 'app.info', {})).toMatchObject(forbidden);
    expect(await invokeAs('cmp-desk://app/index.html', 'app.info', {}, { url: 'cmp-desk://app/' })).toMatchObject(forbidden);
    const handler = electron.ipcMain.handlers.get('cmp-desk:invoke:app.info')!;
    expect(await handler({ senderFrame: null }, {})).toMatchObject(forbidden);
  });

  it('validates the payload on receipt', async () => {
    expect(await invokeAs('cmp-desk://app/index.html', 'app.health', { extra: true })).toMatchObject({ ok: false, error: { code: 'validation', field: 'extra' } });
  });

  it('pushes contract events to the window', async () => {
    const { started, window } = await start();
    const { app } = await started.ready!;
    app.logger.info('test', 'pushed to the window');
    expect(window.webContents.sent).toContainEqual(['cmp-desk:event:app.log', expect.objectContaining({ message: 'pushed to the window' })]);
  });
});

describe('Electron main: single instance', () => {
  it('quits without a window when another instance holds the lock', () => {
    electron = createFakeElectron({ lockAvailable: false });
    const started = startElectronApp(electron as unknown as ElectronApi, { rendererDir, preloadPath: '/p', iconPath: '/i.png', env: {} });
    expect(started.ready).toBeUndefined();
    expect(electron.app.quitCalled).toBe(true);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('shows and focuses the existing window when a second instance starts, also when it sits hidden in the tray', async () => {
    const { window } = await start();
    window.emit('ready-to-show');
    window.emit('close', new FakeEvent());
    expect(window.visible).toBe(false);
    electron.app.emit('second-instance');
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
  });
});
