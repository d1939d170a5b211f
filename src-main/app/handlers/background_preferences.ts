import type { BackgroundPreferences, BackgroundPreferencesChange, HostKind } from '../../../src-shared/ipc';
import type { DesktopPreferencesFile } from '../notifications/desktop_preferences';
import { UiActionError } from './user_errors';

/** What the desktop app's Background service does for Settings: apply launch at login (login item, XDG autostart). */
export interface LaunchAtLoginSetter {
  setLaunchAtLogin(enabled: boolean): void;
}

/** Where launch at login lives when this host cannot set it: the desktop app, or the background service. */
export const launchAtLoginElsewhere =
  'Launch at login is a setting of the desktop app. Without it, keep certificates renewed in the background by installing the service: run `cmp-desk service install` (a systemd user unit on Linux).';

const launchAtLoginHere = 'cmp-desk starts hidden in the tray when you log in and keeps renewing in the background.';

/**
 * The Settings switches for the background behaviour. Notification kinds apply at once in every
 * host (the notifiers read the file on each notification); launch at login is applied through the
 * desktop app's Background service, which the Electron host attaches once its tray is up.
 */
export class BackgroundSettings {
  private launcher: LaunchAtLoginSetter | undefined;

  constructor(
    private readonly preferences: DesktopPreferencesFile,
    private readonly host: HostKind,
  ) {}

  attach(launcher: LaunchAtLoginSetter): void {
    this.launcher = launcher;
  }

  get(): BackgroundPreferences {
    const current = this.preferences.get();
    const available = this.host === 'electron';
    return {
      notifications: current.notifications,
      launchAtLogin: current.launchAtLogin,
      launchAtLoginAvailable: available,
      launchAtLoginNote: available ? launchAtLoginHere : launchAtLoginElsewhere,
    };
  }

  set(change: BackgroundPreferencesChange): BackgroundPreferences {
    if (change.launchAtLogin !== undefined && change.launchAtLogin !== this.preferences.get().launchAtLogin) {
      if (this.host !== 'electron') throw new UiActionError(launchAtLoginElsewhere);
      if (this.launcher === undefined) throw new UiActionError('The desktop app is still starting; try again in a moment');
      this.launcher.setLaunchAtLogin(change.launchAtLogin);
    }
    if (change.notifications !== undefined) {
      this.preferences.update({ notifications: { ...this.preferences.notifications(), ...change.notifications } });
    }
    return this.get();
  }
}

export function backgroundPreferencesHandlers(settings: BackgroundSettings) {
  return {
    'background.preferences.get': () => settings.get(),
    'background.preferences.set': (change: BackgroundPreferencesChange) => settings.set(change),
  };
}
