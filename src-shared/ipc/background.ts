import { z } from 'zod';
import { command } from './define';
import { notificationPreferencesSchema } from './notifications';

/**
 * The background behaviour an administrator can change in Settings: which kinds of notification
 * are shown, and whether the desktop app starts (hidden, in the tray) at login.
 */
export const backgroundPreferencesSchema = z.object({
  notifications: notificationPreferencesSchema,
  launchAtLogin: z.boolean(),
  /** False in the web host: launch at login belongs to the desktop app (or the background service). */
  launchAtLoginAvailable: z.boolean(),
  /** What the switch does here, or what to do instead where it is not available. */
  launchAtLoginNote: z.string().max(1_000),
});

/** A change: only the fields given are changed; unknown fields are refused. */
export const backgroundPreferencesChangeSchema = z
  .object({
    notifications: notificationPreferencesSchema.partial().strict().optional(),
    launchAtLogin: z.boolean().optional(),
  })
  .strict();

export const backgroundCommands = {
  'background.preferences.get': command(z.object({}).strict(), backgroundPreferencesSchema),
  'background.preferences.set': command(backgroundPreferencesChangeSchema, backgroundPreferencesSchema),
};

export type BackgroundPreferences = z.infer<typeof backgroundPreferencesSchema>;
export type BackgroundPreferencesChange = z.infer<typeof backgroundPreferencesChangeSchema>;
