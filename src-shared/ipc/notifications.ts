import { z } from 'zod';
import { event } from './define';

/**
 * The three kinds of notification an administrator can switch on or off: expiry warnings,
 * failures that need action (renewal failed, certificate deleted, deployment failed) and
 * completed renewals.
 */
export const notificationCategorySchema = z.enum(['expiry-warnings', 'failures', 'renewals']);

/** Per-category on/off; everything on by default. */
export const notificationPreferencesSchema = z.object({
  'expiry-warnings': z.boolean(),
  failures: z.boolean(),
  renewals: z.boolean(),
});

/**
 * One notification as the OS (Electron) or the browser tab (web host) shows it: either about one
 * record (recordId set, a click opens it) or a summary standing for `count` notifications.
 */
export const desktopNotificationSchema = z.object({
  category: notificationCategorySchema,
  title: z.string().min(1).max(200),
  body: z.string().max(2_000),
  recordId: z.string().max(100).nullable(),
  count: z.number().int().min(1),
  at: z.iso.datetime(),
});

/** Main -> renderer: show this notification (web host), or open this record (after a click on an OS notification). */
export const notificationEvents = {
  'notifications.show': event(desktopNotificationSchema),
  'notifications.open-record': event(z.object({ recordId: z.string().min(1).max(100) })),
};

export type NotificationCategory = z.infer<typeof notificationCategorySchema>;
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
export type DesktopNotification = z.infer<typeof desktopNotificationSchema>;
