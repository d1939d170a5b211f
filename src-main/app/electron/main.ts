import * as electron from 'electron';
import { join } from 'node:path';
import { startElectronApp } from './start';
import { trayIconPath } from './tray_icon';

// Entry point of the desktop app, bundled to dist/electron/main.cjs next to preload.cjs and icons/.
startElectronApp(electron, {
  rendererDir: join(__dirname, '..', 'renderer'),
  preloadPath: join(__dirname, 'preload.cjs'),
  iconPath: trayIconPath(__dirname),
  backgroundEngine: (app) => app.backgroundEngine,
});
