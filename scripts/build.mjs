// Builds everything the hosts run: the renderer with Vite (dist/renderer) and the main-process entry
// points with esbuild (dist/web.mjs, dist/cli.mjs, dist/electron/main.cjs, dist/electron/preload.cjs).
// Native modules and electron stay external: electron-builder rebuilds them for Electron.
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { build as viteBuild } from 'vite';
import { copyElectronAssets } from './electron_assets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const external = ['electron', 'better-sqlite3', '@napi-rs/keyring'];

rmSync(dist, { recursive: true, force: true });

await viteBuild({
  configFile: false,
  root: join(root, 'src-renderer'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: join(dist, 'renderer'),
    emptyOutDir: true,
    // Everything as files: the CSP allows only 'self' scripts and styles.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome120',
  },
});
copyFileSync(join(root, 'assets', 'icon.svg'), join(dist, 'renderer', 'icon.svg'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external,
  tsconfig: join(root, 'src-main', 'tsconfig.json'),
  logLevel: 'warning',
  legalComments: 'none',
};
// Bundled CommonJS dependencies (ws) call require(); an ESM bundle has to provide it.
const esmRequireBanner = "import { createRequire as __cmpDeskCreateRequire } from 'node:module'; const require = __cmpDeskCreateRequire(import.meta.url);";

await Promise.all([
  esbuild.build({ ...common, entryPoints: [join(root, 'src-main/app/web/main.ts')], outfile: join(dist, 'web.mjs'), format: 'esm', banner: { js: esmRequireBanner } }),
  esbuild.build({ ...common, entryPoints: [join(root, 'src-main/app/cli/main.ts')], outfile: join(dist, 'cli.mjs'), format: 'esm', banner: { js: esmRequireBanner } }),
  esbuild.build({ ...common, entryPoints: [join(root, 'src-main/app/electron/main.ts')], outfile: join(dist, 'electron/main.cjs'), format: 'cjs' }),
  // The preload runs sandboxed: it may require only 'electron', so everything else is bundled in.
  esbuild.build({ ...common, entryPoints: [join(root, 'src-main/app/electron/preload.ts')], outfile: join(dist, 'electron/preload.cjs'), format: 'cjs', external: ['electron'] }),
]);
copyElectronAssets(root, dist);

console.log('built dist/renderer, dist/web.mjs, dist/cli.mjs, dist/electron/main.cjs, dist/electron/preload.cjs, dist/electron/icons');
