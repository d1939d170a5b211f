import type * as Electron from 'electron';
import type { EventHub } from '../../../src-shared/ipc/index';
import type { AppLogger } from '../logger';
import type { DesktopPreferencesFile } from '../notifications/desktop_preferences';
import { RateLimitedNotifier } from '../notifications/rate_limited_notifier';
import { setLinuxAutostart, startHiddenArgument } from '../service/autostart_entry';
import { decideQuit, trayMenuTemplate, trayTooltip, type BackgroundEngine } from '../service/background_engine';

export type BackgroundElectronApi = Pick<typeof Electron, 'app' | 'Tray' | 'Menu' | 'Notification' | 'dialog'>;

export interface BackgroundOptions {
  window: Electron.BrowserWindow;
  iconPath: string;
  engine: BackgroundEngine | undefined;
  preferences: DesktopPreferencesFile;
  events: EventHub;
  logger: AppLogger;
  platform?: NodeJS.Platform;
  /** Where the Linux autostart entry is written (tests); default ~/.config/autostart. */
  autostartPath?: string;
}

export interface Background {
  /** The lifecycle's Notifier for this desktop: OS notifications, rate-limited, a click opens the record. */
  notifier: RateLimitedNotifier;
  /** Rebuilds the tray menu and tooltip from the engine's counts. */
  refresh(): void;
  /** Applies the launch-at-login setting (login item; on Linux an XDG autostart entry). */
  setLaunchAtLogin(enabled: boolean): void;
}

/** True when the app was started by the login item: stay in the tray, show no window. */
export function startedHidden(app: Pick<Electron.App, 'getLoginItemSettings'>, argv: readonly string[], platform: NodeJS.Platform = process.platform): boolean {
  return argv.includes(startHiddenArgument) || (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAsHidden);
}

/**
 * The desktop app keeps renewing when its window is closed: closing hides the window to the tray
 * (menu bar on macOS), the tray menu shows the counts and the background actions, and Quit waits
 * for an exchange in flight or asks.
 */
export function installBackground(electron: BackgroundElectronApi, options: BackgroundOptions): Background {
  const { app, Tray, Menu, Notification, dialog } = electron;
  const { window, engine, preferences, logger } = options;
  const platform = options.platform ?? process.platform;
  let quitting = false;

  const showWindow = () => {
    if (window.isDestroyed()) return;
    window.show();
    window.focus();
  };
  const tray = new Tray(options.iconPath);
  let trayDestroyed = false;
  const refresh = () => {
    if (trayDestroyed) return;
    tray.setToolTip(trayTooltip(engine));
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(engine, actions)));
  };
  const actions = {
    open: showWindow,
    renewAllDue: () => {
      void engine?.renewAllDue().then(
        (started) => logger.info('tray', `renew all due: ${started} renewal(s) started`),
        (error: Error) => logger.error('tray', `renew all due failed: ${error.message}`),
      ).finally(refresh);
    },
    togglePause: () => {
      engine?.setPaused(!engine.paused);
      logger.info('tray', engine?.paused ? 'automation paused' : 'automation resumed');
      refresh();
    },
    quit: () => app.quit(),
  };
  tray.on('click', showWindow);
  refresh();
  // "starting…" until the engine has opened (or failed to): then the counts, or why it does not run.
  void engine?.started().then(refresh);
  const refresher = setInterval(refresh, 30_000);
  refresher.unref?.();

  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
    if (!preferences.get().trayNoticeShown) {
      new Notification({ title: 'cmp-desk keeps running', body: 'Certificates are still renewed in the background. Use the tray icon to open cmp-desk or quit.' }).show();
      preferences.update({ trayNoticeShown: true });
    }
  });

  app.on('before-quit', (event) => {
    if (quitting) return;
    const decision = decideQuit(engine);
    if (decision.kind === 'quit') {
      quitting = true;
      return;
    }
    event.preventDefault();
    void dialog
      .showMessageBox({
        type: 'question',
        buttons: ['Wait, then quit', 'Quit now', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        message: `${decision.inFlight} certificate exchange(s) with the CA are in progress`,
        detail: 'Waiting lets them finish. Quitting now leaves them in the journal; they resume the next time cmp-desk starts.',
      })
      .then(async ({ response }) => {
        if (response === 2) return;
        if (response === 0) await engine?.idle();
        quitting = true;
        app.quit();
      });
  });
  app.on('will-quit', () => {
    clearInterval(refresher);
    notifier.flush();
    trayDestroyed = true;
    tray.destroy();
  });

  const notifier = new RateLimitedNotifier({
    preferences: () => preferences.notifications(),
    show: (n) => {
      const shown = new Notification({ title: n.title, body: n.body });
      shown.on('click', () => {
        showWindow();
        if (n.recordId !== null) options.events.emit('notifications.open-record', { recordId: n.recordId });
      });
      shown.show();
    },
  });

  return {
    notifier,
    refresh,
    setLaunchAtLogin(enabled) {
      preferences.update({ launchAtLogin: enabled });
      if (platform === 'linux') {
        // AppImage: $APPIMAGE is the file to start; a .deb install runs process.execPath.
        setLinuxAutostart(enabled, process.env.APPIMAGE ?? process.execPath, options.autostartPath);
      } else {
        app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: enabled, args: enabled ? [startHiddenArgument] : [] });
      }
    },
  };
}
