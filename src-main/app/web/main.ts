import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { composeApp } from '../compose';
import { resolveDataPaths } from '../data_paths';
import { startWebHost } from './web_host';

/** Entry point of the web host (bundled to dist/web.mjs; `npm run web` builds and starts it). */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CMP_DESK_PORT ?? '0' },
    'data-dir': { type: 'string' },
    'renderer-dir': { type: 'string' },
  },
  strict: true,
});

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = values['renderer-dir'] ? resolve(values['renderer-dir']) : [join(here, 'renderer'), resolve('dist/renderer')].find((d) => existsSync(join(d, 'index.html')));
if (!rendererDir) {
  process.stderr.write('cmp-desk: the built renderer was not found; run "npm run build" (or "npm run web", which builds first).\n');
  process.exit(1);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`cmp-desk: --port must be a number from 0 to 65535, got "${values.port}"\n`);
  process.exit(2);
}

const app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: values['data-dir'] }), host: 'web' });
const host = await startWebHost({ app, rendererDir, port });
process.stdout.write(`cmp-desk web host is running. Open this address in your browser (it is valid until this process stops):\n${host.url}\n`);

async function stop(): Promise<void> {
  await host.close();
  await app.close();
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
