import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { trayIconPath } from '../../../src-main/app/electron/tray_icon';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = mkdtempSync(join(tmpdir(), 'cmp-desk-dist-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the tray icon in a build', () => {
  it('is resolved beside main.cjs, in dist/electron/icons', () => {
    expect(trayIconPath('/opt/cmp-desk/resources/app.asar/dist/electron', 'linux')).toBe('/opt/cmp-desk/resources/app.asar/dist/electron/icons/32x32.png');
    expect(trayIconPath('/Applications/cmp-desk.app/Contents/Resources/app.asar/dist/electron', 'darwin')).toMatch(/dist\/electron\/icons\/16x16\.png$/);
  });

  it('is copied there by the build (which electron-builder packs with dist/electron/**) for every platform', async () => {
    const modulePath = pathToFileURL(join(repo, 'scripts', 'electron_assets.mjs')).href;
    const { copyElectronAssets } = (await import(modulePath)) as { copyElectronAssets(root: string, dist: string): void };
    copyElectronAssets(repo, dist);
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(existsSync(trayIconPath(join(dist, 'electron'), platform)), platform).toBe(true);
    }
  });
});
