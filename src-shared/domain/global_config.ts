import { z } from 'zod';
import { timeOfDay } from './common';

/**
 * cmp-global-config: the single set of settings that governs every profile and server.
 * Defaults follow reference/000 (processing timer every 5 minutes).
 */
export const globalConfigSchema = z.object({
  /** How often the processing tick examines every certificate record. */
  processingIntervalMinutes: z.number().int().min(1, { error: 'must be at least 1 minute' }).max(1440, { error: 'must be at most 1440 minutes (one day)' }),
  /** Start of the daily window in which KURs are started and their certificates put into use. */
  kurWindowStart: timeOfDay,
  /** End of the KUR window; a window that ends before it starts spans midnight. */
  kurWindowEnd: timeOfDay,
  /** How long before expiry the first expiry warning is raised. */
  expiryWarningDays: z.number().int().min(0, { error: 'must not be negative' }).max(3650, { error: 'must be at most 3650 days' }),
  /** How often the expiry warning is repeated once raised. */
  expiryNotificationIntervalHours: z.number().int().min(1, { error: 'must be at least 1 hour' }).max(720, { error: 'must be at most 720 hours' }),
  /** secure-certificate-mode: no IP addresses in server addresses, common names or SANs. */
  secureCertificateMode: z.boolean({ error: 'must be true or false' }),
});
export type GlobalConfig = z.infer<typeof globalConfigSchema>;

/** What a fresh data folder starts with. */
export const defaultGlobalConfig: GlobalConfig = {
  processingIntervalMinutes: 5,
  kurWindowStart: '00:00',
  kurWindowEnd: '23:59',
  expiryWarningDays: 30,
  expiryNotificationIntervalHours: 24,
  secureCertificateMode: false,
};
