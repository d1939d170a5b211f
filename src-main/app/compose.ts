import { createDispatcher, EventHub, type CommandHandlers, type Dispatch, type HostKind } from '../../src-shared/ipc/index';
import { openConfigContext } from '../config';
import { appIdentity } from './app_identity';
import type { DataPaths } from './data_paths';
import type { Notifier } from '../lifecycle';
import { backgroundPreferencesHandlers, BackgroundSettings, type LaunchAtLoginSetter } from './handlers/background_preferences';
import { configHandlers, lazyConfigContext } from './handlers/config_handlers';
import { EngineLifecycle, openUiContext, uiHandlers } from './handlers/ui_handlers';
import { withUserErrors } from './handlers/user_errors';
import { checkHealth, dataFolderProbe, lifecycleEngineProbe, type HealthProbe } from './health';
import { AppLogger } from './logger';
import { DesktopPreferencesFile } from './notifications/desktop_preferences';
import { ipcNotifier } from './notifications/ipc_notifier';
import type { BackgroundEngine } from './service/background_engine';

export interface ComposeOptions {
  dataPaths: DataPaths;
  host: HostKind;
}

/** The main process as every host sees it: the handler map, the event source, the logger. */
export interface ComposedApp {
  handlers: CommandHandlers;
  dispatch: Dispatch;
  events: EventHub;
  logger: AppLogger;
  /** The lifecycle engine as the desktop app's tray and quit guard see it. */
  backgroundEngine: BackgroundEngine;
  /** desktop-preferences.json in the data folder; one instance, shared by Settings and the tray. */
  preferences: DesktopPreferencesFile;
  /**
   * The desktop app hands over its OS notifications and its login item once the tray is up. The
   * other hosts keep the default: notifications become the notifications.show event.
   */
  attachDesktop(desktop: DesktopIntegration): void;
  close(): Promise<void>;
}

/** What the Electron host's Background service gives the composition root. */
export interface DesktopIntegration extends LaunchAtLoginSetter {
  notifier: Notifier;
}

/**
 * The composition root: builds the services and the handler map from them. The web host, Electron
 * and the tests all call this, so a feature wired here appears in every host.
 */
export function composeApp(options: ComposeOptions): ComposedApp {
  const { dataPaths, host } = options;
  const startedAt = new Date();
  const events = new EventHub((error) => process.stderr.write(`cmp-desk: dropped an invalid event: ${error.message}\n`));
  const logger = new AppLogger(dataPaths.logsDir, events);
  const probes: HealthProbe[] = [dataFolderProbe(dataPaths.dataDir)];
  // The database and keychain open on the first configuration command, not at start-up.
  const config = lazyConfigContext(() => openConfigContext(dataPaths.dataDir));
  const lifecycle = new EngineLifecycle(dataPaths.dataDir, logger);
  const backgroundEngine = lifecycle.background();
  probes.push(lifecycleEngineProbe(backgroundEngine));
  const preferences = DesktopPreferencesFile.inDataFolder(dataPaths.dataDir);
  const backgroundSettings = new BackgroundSettings(preferences, host);
  // Electron shows OS notifications instead, through attachDesktop; until then they are logged only.
  if (host !== 'electron') lifecycle.useNotifier(ipcNotifier(events, preferences));
  const ui = openUiContext({ dataDir: dataPaths.dataDir, events, logger, config: config.get, lifecycle });

  const handlers: CommandHandlers = {
    'app.info': () => ({
      name: appIdentity.productName,
      version: appIdentity.version,
      host,
      platform: process.platform,
      dataDir: dataPaths.dataDir,
      logsDir: dataPaths.logsDir,
    }),
    'app.health': () => checkHealth(probes, startedAt),
    ...configHandlers(config.get),
    ...uiHandlers(ui),
    ...withUserErrors(backgroundPreferencesHandlers(backgroundSettings)),
  };

  const dispatch = createDispatcher(handlers, {
    onUnexpectedError: (command, error) => logger.error('ipc', `${command} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });

  logger.info('app', `${appIdentity.productName} ${appIdentity.version} started (${host} host), data folder ${dataPaths.dataDir} (${dataPaths.source})`);
  return {
    handlers,
    dispatch,
    events,
    logger,
    backgroundEngine,
    preferences,
    attachDesktop(desktop) {
      lifecycle.useNotifier(desktop.notifier);
      backgroundSettings.attach(desktop);
    },
    async close() {
      logger.info('app', 'stopping');
      await ui.close();
      await lifecycle.close();
      config.close();
    },
  };
}
