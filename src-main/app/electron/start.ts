import type * as Electron from 'electron';
import { composeApp, type ComposedApp } from '../compose';
import { resolveDataPaths } from '../data_paths';
import type { BackgroundEngine } from '../service/background_engine';
import { appEntryUrl, appScheme, appSchemePrivileges, createAppProtocolHandler } from './app_protocol';
import { installBackground, startedHidden, type Background } from './background';
import { hardenSession, hardenWebContents, secureWebPreferences } from './hardening';
import { forwardEvents, registerIpcHandlers } from './ipc_main';

/** The parts of the electron module the app uses; the unit tests pass a fake of exactly these. */
export type ElectronApi = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'Tray' | 'Menu' | 'Notification' | 'dialog'>;

export interface ElectronStartOptions {
  rendererDir: string;
  preloadPath: string;
  env?: Record<string, string | undefined>;
  /** The tray icon. */
  iconPath: string;
  /** The process arguments (the login item adds --hidden). */
  argv?: readonly string[];
  /** The composed engine as the tray sees it; absent: the tray offers only Open and Quit. */
  backgroundEngine?: (app: ComposedApp) => BackgroundEngine | undefined;
  /** Where the Linux autostart entry goes (tests). */
  autostartPath?: string;
  /** Default process.platform (tests pick the login-item flavour). */
  platform?: NodeJS.Platform;
}

export interface StartedElectronApp {
  /** Resolves once the window is loading; absent when another instance already runs. */
  ready?: Promise<{ window: Electron.BrowserWindow; app: ComposedApp; background: Background }>;
}

/**
 * Starts the desktop app: one instance only, a hardened session and window, the renderer from the
 * custom protocol, and the same composition root as the web host behind the validated IPC.
 */
export function startElectronApp(electron: ElectronApi, options: ElectronStartOptions): StartedElectronApp {
  const { app, BrowserWindow, ipcMain, protocol, session } = electron;
  const hidden = startedHidden(app, options.argv ?? process.argv, options.platform);
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
    mainWindow.show();
    mainWindow.focus();
  });
  // Closing the window hides it to the tray; the app ends only through Quit (tray, menu, OS).
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', () => void composed?.close());

  const ready = app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    protocol.handle(appScheme, createAppProtocolHandler(options.rendererDir));
    const dataPaths = resolveDataPaths({ env: options.env });
    composed = composeApp({ dataPaths, host: 'electron' });
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
    const background = installBackground(electron, {
      window,
      iconPath: options.iconPath,
      engine: options.backgroundEngine?.(composed),
      preferences: composed.preferences,
      events: composed.events,
      logger,
      autostartPath: options.autostartPath,
      platform: options.platform,
    });
    composed.attachDesktop(background);
    if (!hidden) window.once('ready-to-show', () => window.show());
    void window.loadURL(appEntryUrl);
    return { window, app: composed, background };
  });
  return { ready };
}
