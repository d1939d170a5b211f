import type * as Electron from 'electron';
import { composeApp, type ComposedApp } from '../compose';
import { resolveDataPaths } from '../data_paths';
import { appEntryUrl, appScheme, appSchemePrivileges, createAppProtocolHandler } from './app_protocol';
import { hardenSession, hardenWebContents, secureWebPreferences } from './hardening';
import { forwardEvents, registerIpcHandlers } from './ipc_main';

/** The parts of the electron module the app uses; the unit tests pass a fake of exactly these. */
export type ElectronApi = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session'>;

export interface ElectronStartOptions {
  rendererDir: string;
  preloadPath: string;
  env?: Record<string, string | undefined>;
}

export interface StartedElectronApp {
  /** Resolves once the window is loading; absent when another instance already runs. */
  ready?: Promise<{ window: Electron.BrowserWindow; app: ComposedApp }>;
}

/**
 * Starts the desktop app: one instance only, a hardened session and window, the renderer from the
 * custom protocol, and the same composition root as the web host behind the validated IPC.
 */
export function startElectronApp(electron: ElectronApi, options: ElectronStartOptions): StartedElectronApp {
  const { app, BrowserWindow, ipcMain, protocol, session } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return {};
  }
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  app.enableSandbox();

  let composed: ComposedApp | undefined;
  let mainWindow: Electron.BrowserWindow | undefined;
  const blocked = (what: string) => composed?.logger.warn('electron', `blocked ${what}`);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, blocked));
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void composed?.close());

  const ready = app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    protocol.handle(appScheme, createAppProtocolHandler(options.rendererDir));
    composed = composeApp({ dataPaths: resolveDataPaths({ env: options.env }), host: 'electron' });
    const logger = composed.logger;
    registerIpcHandlers(ipcMain, composed.dispatch, (message) => logger.warn('electron', message));
    const window = new BrowserWindow({
      width: 1200,
      height: 800,
      minWidth: 800,
      minHeight: 500,
      show: false,
      title: 'cmp-desk',
      webPreferences: secureWebPreferences(options.preloadPath, !app.isPackaged),
    });
    mainWindow = window;
    forwardEvents(composed.events, window.webContents);
    window.once('ready-to-show', () => window.show());
    void window.loadURL(appEntryUrl);
    return { window, app: composed };
  });
  return { ready };
}
