import { describe, expect, it } from 'vitest';
import { resolveDataPaths } from '../../../src-main/app/data_paths';

describe('resolveDataPaths', () => {
  it('prefers --data-dir over the environment', () => {
    const paths = resolveDataPaths({ dataDirOption: '/srv/cmp', env: { CMP_DESK_DATA_DIR: '/env' }, platform: 'linux', home: '/home/a' });
    expect(paths).toEqual({ dataDir: '/srv/cmp', logsDir: '/srv/cmp/logs', source: 'command-line' });
  });

  it('uses CMP_DESK_DATA_DIR next', () => {
    expect(resolveDataPaths({ env: { CMP_DESK_DATA_DIR: '/env/cmp' }, platform: 'linux', home: '/home/a' }).dataDir).toBe('/env/cmp');
  });

  it('follows the OS convention otherwise', () => {
    expect(resolveDataPaths({ env: {}, platform: 'linux', home: '/home/a' }).dataDir).toBe('/home/a/.config/cmp-desk');
    expect(resolveDataPaths({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', home: '/home/a' }).dataDir).toBe('/xdg/cmp-desk');
    expect(resolveDataPaths({ env: {}, platform: 'darwin', home: '/Users/a' }).dataDir).toBe('/Users/a/Library/Application Support/cmp-desk');
    const win = resolveDataPaths({ env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\a' });
    expect(win.dataDir).toContain('cmp-desk');
    expect(win.dataDir).toContain('AppData');
    expect(win.source).toBe('os-default');
  });
});
