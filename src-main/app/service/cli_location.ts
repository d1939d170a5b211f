import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The absolute path of bin/cmp-desk.mjs for a service manager to start: the script this process
 * was started through, or the bin/ of the installation it runs from (`npm run cli`, tsx).
 */
export function locateCliScript(argv1: string | undefined = process.argv[1]): string | undefined {
  if (!argv1) return undefined;
  let path: string;
  try {
    path = realpathSync(argv1);
  } catch {
    return undefined;
  }
  if (/cmp-desk(\.mjs)?$/.test(path)) return path;
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'bin', 'cmp-desk.mjs');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
