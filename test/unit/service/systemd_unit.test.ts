import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execStartArgs, quoteExecArg, systemdUnitText } from '../../../src-main/app/service/systemd_unit';
import { installUserService, uninstallUserService, UnsupportedPlatformError, userServiceStatus, userUnitPath, type CommandRunner } from '../../../src-main/app/service/user_service_installer';

const input = { nodePath: '/usr/bin/node', cliPath: '/opt/cmp desk/bin/cmp-desk.mjs', dataDir: '/home/ann/100% certs/$HOME', metrics: '127.0.0.1:9464' };

/** Parses a unit file into section -> key -> values (keys may repeat). */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> | undefined;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      current = sections[header[1]] = {};
      continue;
    }
    const [key, ...rest] = line.split('=');
    if (!current) throw new Error(`line outside a section: ${line}`);
    (current[key] ??= []).push(rest.join('='));
  }
  return sections;
}

describe('systemd user unit', () => {
  it('starts cmp-desk run for the data folder, restarts on failure, hardened for a user unit', () => {
    const unit = parseUnit(systemdUnitText(input));
    expect(Object.keys(unit)).toEqual(['Unit', 'Service', 'Install']);
    expect(execStartArgs(systemdUnitText(input))).toEqual(['/usr/bin/node', '/opt/cmp desk/bin/cmp-desk.mjs', '--data-dir', '/home/ann/100% certs/$HOME', 'run', '--metrics', '127.0.0.1:9464']);
    expect(unit.Service.ExecStart[0]).toContain('"/home/ann/100%% certs/$$HOME"');
    expect(unit.Service).toMatchObject({ Type: ['exec'], Restart: ['on-failure'], KillSignal: ['SIGTERM'], NoNewPrivileges: ['yes'], UMask: ['0077'] });
    expect(unit.Service.RestartPreventExitStatus).toEqual(['2 3 4 5']);
    expect(unit.Service.RestrictAddressFamilies).toEqual(['AF_UNIX AF_INET AF_INET6']);
    // Node's JIT needs W+X pages; the mount-namespace options need privileges a user manager may lack.
    for (const absent of ['MemoryDenyWriteExecute', 'ProtectSystem', 'ProtectHome', 'PrivateTmp', 'User']) expect(unit.Service).not.toHaveProperty(absent);
    expect(unit.Install.WantedBy).toEqual(['default.target']);
    expect(unit.Unit.After).toEqual(['network-online.target']);
  });

  it('leaves --metrics out when not asked and refuses relative paths', () => {
    expect(execStartArgs(systemdUnitText({ ...input, metrics: undefined }))).not.toContain('--metrics');
    expect(() => systemdUnitText({ ...input, dataDir: 'data' })).toThrow(/absolute/);
  });

  it('quotes ExecStart arguments the way systemd reads them', () => {
    expect(quoteExecArg('/usr/bin/node')).toBe('/usr/bin/node');
    expect(quoteExecArg('a "b"\\c')).toBe('"a \\"b\\"\\\\c"');
    expect(() => quoteExecArg('a\nb')).toThrow(RangeError);
  });
});

describe('service install / uninstall / status', () => {
  let home: string;
  let calls: string[];
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cmp-desk-home-'));
    calls = [];
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const runner = (available: boolean): CommandRunner => (program, args) => {
    calls.push([program, ...args].join(' '));
    if (!available) return { status: 1, stdout: '', stderr: 'Failed to connect to bus: No medium found\n' };
    return { status: 0, stdout: args.includes('is-active') ? 'active\n' : '', stderr: '' };
  };

  it('writes ~/.config/systemd/user/cmp-desk.service and enables it when a user manager answers', () => {
    const environment = { platform: 'linux' as const, env: {}, home, run: runner(true) };
    const steps = installUserService(input, environment);
    const path = join(home, '.config', 'systemd', 'user', 'cmp-desk.service');
    expect(userUnitPath(environment)).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe(systemdUnitText(input));
    expect(steps.every((s) => s.ok)).toBe(true);
    expect(calls).toEqual(['systemctl --user show-environment', 'systemctl --user daemon-reload', 'systemctl --user enable --now cmp-desk.service']);
    expect(userServiceStatus(environment)).toMatchObject({ installed: true, dataDir: input.dataDir, activeState: 'active' });
    calls.length = 0;
    uninstallUserService(environment);
    expect(existsSync(path)).toBe(false);
    expect(calls).toEqual(['systemctl --user show-environment', 'systemctl --user disable --now cmp-desk.service', 'systemctl --user daemon-reload']);
  });

  it('writes the unit but says clearly that it did not start it when systemd is not reachable', () => {
    const environment = { platform: 'linux' as const, env: { XDG_CONFIG_HOME: join(home, 'cfg') }, home, run: runner(false) };
    const steps = installUserService(input, environment);
    expect(existsSync(join(home, 'cfg', 'systemd', 'user', 'cmp-desk.service'))).toBe(true);
    expect(steps.at(-1)).toEqual({ ok: false, message: expect.stringMatching(/^not started: systemctl --user cannot reach a user service manager \(Failed to connect to bus.*systemctl --user enable --now cmp-desk.service$/) });
    expect(calls).toEqual(['systemctl --user show-environment']);
    expect(userServiceStatus(environment).activeState).toMatch(/^unknown/);
  });

  it('reports a missing systemctl as such', () => {
    const environment = { platform: 'linux' as const, env: {}, home, run: (() => ({ status: null, stdout: '', stderr: '', notFound: true })) as CommandRunner };
    expect(installUserService(input, environment).at(-1)?.message).toContain('systemctl is not installed');
  });

  it('refuses on macOS and Windows and points to the README', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(() => installUserService(input, { platform, env: {}, home, run: runner(true) })).toThrow(UnsupportedPlatformError);
    }
    expect(calls).toEqual([]);
  });
});
