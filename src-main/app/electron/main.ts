import * as electron from 'electron';
import { join } from 'node:path';
import { startElectronApp } from './start';

// Entry point of the desktop app, bundled to dist/electron/main.cjs next to preload.cjs.
startElectronApp(electron, {
  rendererDir: join(__dirname, '..', 'renderer'),
  preloadPath: join(__dirname, 'preload.cjs'),
  iconPath: join(__dirname, '..', '..', 'assets', 'icons', '32x32.png'),
});
