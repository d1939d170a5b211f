import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { notificationPreferencesSchema, type NotificationPreferences } from '../../../src-shared/ipc/index';
import { defaultNotificationPreferences } from './notification_category';

/** Settings of the desktop app's background behaviour, kept in the data folder. */
export const desktopPreferencesSchema = z.object({
  notifications: notificationPreferencesSchema,
  /** Opt-in: start hidden in the tray when the user logs in. */
  launchAtLogin: z.boolean(),
  /** Whether the "still running in the tray" notice was shown once already. */
  trayNoticeShown: z.boolean(),
});
export type DesktopPreferences = z.infer<typeof desktopPreferencesSchema>;

export const desktopPreferencesFileName = 'desktop-preferences.json';

const defaults: DesktopPreferences = { notifications: defaultNotificationPreferences, launchAtLogin: false, trayNoticeShown: false };

/**
 * A small JSON file beside the database: read once, written atomically (temp file + rename) on
 * every change. A damaged file falls back to the defaults rather than stopping the app.
 */
export class DesktopPreferencesFile {
  private current: DesktopPreferences;

  constructor(private readonly path: string) {
    this.current = readPreferences(path);
  }

  static inDataFolder(dataDir: string): DesktopPreferencesFile {
    return new DesktopPreferencesFile(join(dataDir, desktopPreferencesFileName));
  }

  get(): DesktopPreferences {
    return this.current;
  }

  notifications(): NotificationPreferences {
    return this.current.notifications;
  }

  update(change: Partial<DesktopPreferences>): DesktopPreferences {
    const next = desktopPreferencesSchema.parse({ ...this.current, ...change });
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.path);
    this.current = next;
    return next;
  }
}

function readPreferences(path: string): DesktopPreferences {
  try {
    const parsed = desktopPreferencesSchema.partial().safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? { ...defaults, ...parsed.data } : defaults;
  } catch {
    return defaults;
  }
}
