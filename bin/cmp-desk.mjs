#!/usr/bin/env node
// The cmp-desk command: runs the built CLI (dist/cli.mjs) or, in a source checkout without a build,
// the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.mjs', import.meta.url);
const source = new URL('../src-main/app/cli/main.ts', import.meta.url);

if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else if (existsSync(fileURLToPath(source))) {
  let tsImport;
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('cmp-desk: dist/cli.mjs is missing and tsx is not installed to run the sources.\n' +
      'Run "npm ci && npm run build" in the cmp-desk folder, then try again.\n');
    process.exit(1);
  }
  await tsImport(source.href, import.meta.url);
} else {
  process.stderr.write('cmp-desk: neither dist/cli.mjs nor the sources were found next to this script; reinstall cmp-desk.\n');
  process.exit(1);
}
