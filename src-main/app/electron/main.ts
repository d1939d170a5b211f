import * as electron from 'electron';
import { join } from 'node:path';
import { startElectronApp } from './start';

// Entry point of the desktop app, bundled to dist/electron/main.cjs next to preload.cjs.
startElectronApp(electron, {
  rendererDir: join(__dirname, '..', 'renderer'),
  preloadPath: join(__dirname, 'preload.cjs'),
});
