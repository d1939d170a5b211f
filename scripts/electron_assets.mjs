// Copies what dist/electron/main.cjs loads at run time besides code (the tray icons) next to it,
// so electron-builder's `dist/electron/**` packs them and main.ts finds them beside itself.
import { cpSync } from 'node:fs';
import { join } from 'node:path';

export function copyElectronAssets(root, dist) {
  cpSync(join(root, 'assets', 'icons'), join(dist, 'electron', 'icons'), { recursive: true });
}
