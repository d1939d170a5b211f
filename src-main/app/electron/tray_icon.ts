import { join } from 'node:path';

/** The folder beside main.cjs that scripts/build.mjs copies assets/icons into (packed with dist/electron/**). */
export const electronIconsFolder = 'icons';

/**
 * The tray icon for a platform: the macOS menu bar is 16 points high, the Windows and Linux trays
 * scale a 32 px image down cleanly. Resolved from the bundle's own folder, so the packaged app
 * (inside app.asar) finds it as well as a development build.
 */
export function trayIconPath(electronDir: string, platform: NodeJS.Platform = process.platform): string {
  return join(electronDir, electronIconsFolder, platform === 'darwin' ? '16x16.png' : '32x32.png');
}
