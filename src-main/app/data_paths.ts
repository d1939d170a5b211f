import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the app keeps its database and its logs. */
export interface DataPaths {
  /** The data folder: the SQLite database and everything else the app persists. */
  dataDir: string;
  /** The logs folder, always inside the data folder so one folder holds all state. */
  logsDir: string;
  /** How the data folder was chosen, so `cmp-desk paths` and the logs can say why. */
  source: 'command-line' | 'environment' | 'os-default';
}

/** The environment variable that moves the data folder (tests and portable installs use it). */
export const dataDirEnvVar = 'CMP_DESK_DATA_DIR';

export interface DataPathsInput {
  /** `--data-dir` from the command line; wins over everything else. */
  dataDirOption?: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * Resolves the data folder: `--data-dir`, else `CMP_DESK_DATA_DIR`, else the OS convention
 * (XDG config home on Linux, %APPDATA% on Windows, Application Support on macOS).
 */
export function resolveDataPaths(input: DataPathsInput = {}): DataPaths {
  const env = input.env ?? process.env;
  const platform = input.platform ?? process.platform;
  const home = input.home ?? homedir();
  let dataDir: string;
  let source: DataPaths['source'];
  if (input.dataDirOption) {
    dataDir = resolve(input.dataDirOption);
    source = 'command-line';
  } else if (env[dataDirEnvVar]) {
    dataDir = resolve(env[dataDirEnvVar] as string);
    source = 'environment';
  } else {
    dataDir = join(osConfigHome(platform, env, home), 'cmp-desk');
    source = 'os-default';
  }
  return { dataDir, logsDir: join(dataDir, 'logs'), source };
}

function osConfigHome(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string {
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(home, '.config');
}
