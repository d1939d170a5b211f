import { serviceExitCodes } from './exit_codes';

/** The unit's name; one cmp-desk service per user. */
export const systemdUnitName = 'cmp-desk.service';

export interface SystemdUnitInput {
  /** Absolute path of the node binary that runs the CLI. */
  nodePath: string;
  /** Absolute path of bin/cmp-desk.mjs. */
  cliPath: string;
  /** Absolute data folder the service manages. */
  dataDir: string;
  /** `127.0.0.1:PORT` when the service should serve metrics. */
  metrics?: string;
}

/**
 * A systemd *user* unit for `cmp-desk run`. Hardening is limited to what works without
 * privileges: seccomp-based options (NoNewPrivileges makes them available to user units).
 * ProtectSystem/ProtectHome/PrivateTmp would need mount namespaces, which a user manager only has
 * with unprivileged user namespaces — not a given — so they are left out rather than failing the
 * start. MemoryDenyWriteExecute is left out on purpose: Node's JIT needs writable+executable pages.
 */
export function systemdUnitText(input: SystemdUnitInput): string {
  for (const [what, path] of [['node', input.nodePath], ['cli', input.cliPath], ['data folder', input.dataDir]] as const) {
    if (!path.startsWith('/')) throw new RangeError(`the ${what} path must be absolute for systemd: ${path}`);
  }
  const args = [input.nodePath, input.cliPath, '--data-dir', input.dataDir, 'run'];
  if (input.metrics) args.push('--metrics', input.metrics);
  const noRestart = [serviceExitCodes.usage, serviceExitCodes.schedulerLockHeld, serviceExitCodes.dataFolderUnavailable, serviceExitCodes.metricsUnavailable];
  return [
    '# Written by "cmp-desk service install"; "cmp-desk service uninstall" removes it.',
    '[Unit]',
    'Description=cmp-desk: keeps X.509 certificates alive through CMP',
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=exec',
    `ExecStart=${args.map(quoteExecArg).join(' ')}`,
    'Restart=on-failure',
    'RestartSec=30',
    '# A restart cannot fix a wrong command line, a lock held by the desktop app or an unusable data folder.',
    `RestartPreventExitStatus=${noRestart.join(' ')}`,
    '# SIGTERM starts the graceful stop: the exchange in flight is finished or journaled.',
    'KillSignal=SIGTERM',
    'KillMode=mixed',
    'TimeoutStopSec=90',
    'UMask=0077',
    'NoNewPrivileges=yes',
    'LockPersonality=yes',
    'RestrictRealtime=yes',
    'RestrictSUIDSGID=yes',
    'RestrictNamespaces=yes',
    'SystemCallArchitectures=native',
    'SystemCallFilter=@system-service',
    'SystemCallFilter=~@privileged @resources',
    'SystemCallErrorNumber=EPERM',
    '# AF_UNIX for the Secret Service (keychain) over D-Bus; IP for the CMP servers and metrics.',
    'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

/**
 * One ExecStart argument as systemd reads it: double-quoted with C escapes, `%` doubled
 * (specifiers) and `$` doubled (variable expansion), so any path survives unchanged.
 */
export function quoteExecArg(arg: string): string {
  if (/[\0\n\r]/.test(arg)) throw new RangeError('an ExecStart argument cannot contain NUL or line breaks');
  const escaped = arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return /^[A-Za-z0-9/._:@+=,-]+$/.test(arg) ? escaped : `"${escaped}"`;
}

/** The ExecStart arguments back from a unit file (for `service status`), or undefined. */
export function execStartArgs(unitText: string): string[] | undefined {
  const line = unitText.split('\n').find((l) => l.startsWith('ExecStart='));
  if (!line) return undefined;
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of line.slice('ExecStart='.length).matchAll(pattern)) {
    const raw = match[1] ?? match[2];
    args.push(raw.replace(/\\(.)/g, '$1').replace(/%%/g, '%').replace(/\$\$/g, '$'));
  }
  return args;
}
