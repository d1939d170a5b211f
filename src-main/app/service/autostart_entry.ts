import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The argument the login item passes so the app starts in the tray, without a window. */
export const startHiddenArgument = '--hidden';

export const autostartFileName = 'cmp-desk.desktop';

/** ~/.config/autostart (XDG Autostart specification; $XDG_CONFIG_HOME wins). */
export function autostartPath(env: Record<string, string | undefined> = process.env, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart', autostartFileName);
}

/** The desktop entry: Exec quoted per the Desktop Entry specification, started hidden in the tray. */
export function autostartEntryText(executable: string): string {
  const quoted = /[\s"'\\$`]/.test(executable) ? `"${executable.replace(/(["`$\\])/g, '\\$1')}"` : executable;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=cmp-desk',
    'Comment=Keeps X.509 certificates alive through CMP (starts in the tray)',
    `Exec=${quoted.replace(/%/g, '%%')} ${startHiddenArgument}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes or removes the autostart entry (Linux; elsewhere Electron's login item does this). */
export function setLinuxAutostart(enabled: boolean, executable: string, path = autostartPath()): void {
  if (enabled) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, autostartEntryText(executable), { mode: 0o644 });
  } else {
    rmSync(path, { force: true });
  }
}
