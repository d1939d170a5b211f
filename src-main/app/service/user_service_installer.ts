import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execStartArgs, systemdUnitName, systemdUnitText, type SystemdUnitInput } from './systemd_unit';

/** Runs a program and returns its exit status and output; tests pass a recorder. */
export type CommandRunner = (program: string, args: readonly string[]) => { status: number | null; stdout: string; stderr: string; notFound?: boolean };

export const spawnRunner: CommandRunner = (program, args) => {
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 30_000 });
  const notFound = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? (result.error?.message ?? ''), notFound };
};

export interface UserServiceEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  run: CommandRunner;
}

export const processEnvironment = (): UserServiceEnvironment => ({ platform: process.platform, env: process.env, home: homedir(), run: spawnRunner });

/** The service commands exist only where a user service manager we write units for exists. */
export class UnsupportedPlatformError extends Error {
  constructor(readonly platform: string) {
    super(`cmp-desk service install/uninstall writes a systemd user unit and works on Linux only (this is ${platform}); see the README, "Running without the window", for launchd and the Windows Task Scheduler`);
    this.name = 'UnsupportedPlatformError';
  }
}

/** systemd's user unit folder: $XDG_CONFIG_HOME/systemd/user, else ~/.config/systemd/user. */
export function userUnitPath(environment: Pick<UserServiceEnvironment, 'env' | 'home'>): string {
  const configHome = environment.env.XDG_CONFIG_HOME || join(environment.home, '.config');
  return join(configHome, 'systemd', 'user', systemdUnitName);
}

/** One step the installer took or could not take, as the CLI prints it. */
export interface ServiceStep {
  ok: boolean;
  message: string;
}

/** True when `systemctl --user` can talk to a user manager here (not in a container without one). */
function userManagerAvailable(run: CommandRunner): { available: boolean; why?: string } {
  const probe = run('systemctl', ['--user', 'show-environment']);
  if (probe.notFound) return { available: false, why: 'systemctl is not installed' };
  if (probe.status !== 0) return { available: false, why: `systemctl --user cannot reach a user service manager (${firstLine(probe.stderr) || `exit ${probe.status}`})` };
  return { available: true };
}

/** Writes the unit, then reloads and enables it when a user manager is there; says what it did. */
export function installUserService(input: SystemdUnitInput, environment: UserServiceEnvironment): ServiceStep[] {
  if (environment.platform !== 'linux') throw new UnsupportedPlatformError(environment.platform);
  const path = userUnitPath(environment);
  mkdirSync(join(path, '..'), { recursive: true });
  const existed = existsSync(path);
  writeFileSync(path, systemdUnitText(input), { mode: 0o644 });
  const steps: ServiceStep[] = [{ ok: true, message: `${existed ? 'replaced' : 'wrote'} ${path}` }];
  const manager = userManagerAvailable(environment.run);
  if (!manager.available) {
    steps.push({ ok: false, message: `not started: ${manager.why}. Start it later with: systemctl --user daemon-reload && systemctl --user enable --now ${systemdUnitName}` });
    return steps;
  }
  steps.push(systemctl(environment.run, ['daemon-reload']));
  steps.push(systemctl(environment.run, existed ? ['enable', systemdUnitName] : ['enable', '--now', systemdUnitName]));
  if (existed) steps.push(systemctl(environment.run, ['restart', systemdUnitName]));
  return steps;
}

/** Stops and disables the unit when a user manager is there, then removes the file. */
export function uninstallUserService(environment: UserServiceEnvironment): ServiceStep[] {
  if (environment.platform !== 'linux') throw new UnsupportedPlatformError(environment.platform);
  const path = userUnitPath(environment);
  const steps: ServiceStep[] = [];
  const manager = userManagerAvailable(environment.run);
  if (manager.available && existsSync(path)) steps.push(systemctl(environment.run, ['disable', '--now', systemdUnitName]));
  else if (!manager.available) steps.push({ ok: false, message: `not stopped through systemd: ${manager.why}` });
  if (existsSync(path)) {
    rmSync(path);
    steps.push({ ok: true, message: `removed ${path}` });
  } else {
    steps.push({ ok: true, message: `${path} was not installed` });
  }
  if (manager.available) steps.push(systemctl(environment.run, ['daemon-reload']));
  return steps;
}

export interface UserServiceStatus {
  unitPath: string;
  installed: boolean;
  /** The data folder in the unit's ExecStart. */
  dataDir?: string;
  /** `systemctl --user is-active` (active, inactive, failed…), or why it is unknown. */
  activeState: string;
}

export function userServiceStatus(environment: UserServiceEnvironment): UserServiceStatus {
  if (environment.platform !== 'linux') throw new UnsupportedPlatformError(environment.platform);
  const unitPath = userUnitPath(environment);
  const installed = existsSync(unitPath);
  const args = installed ? execStartArgs(readFileSync(unitPath, 'utf8')) : undefined;
  const dataDirIndex = args?.indexOf('--data-dir') ?? -1;
  const manager = userManagerAvailable(environment.run);
  let activeState = `unknown (${manager.why})`;
  if (manager.available) activeState = environment.run('systemctl', ['--user', 'is-active', systemdUnitName]).stdout.trim() || 'unknown';
  return { unitPath, installed, dataDir: dataDirIndex >= 0 ? args?.[dataDirIndex + 1] : undefined, activeState };
}

function systemctl(run: CommandRunner, args: string[]): ServiceStep {
  const result = run('systemctl', ['--user', ...args]);
  const command = `systemctl --user ${args.join(' ')}`;
  return result.status === 0 ? { ok: true, message: command } : { ok: false, message: `${command} failed: ${firstLine(result.stderr) || `exit ${result.status}`}` };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
