import { z } from 'zod';

/** Which host runs the main-process code; the renderer adapts a few words to it. */
export const hostKindSchema = z.enum(['electron', 'web', 'in-process']);

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: hostKindSchema,
  /** Node's platform name of the machine running main (linux, win32, darwin). */
  platform: z.string(),
  dataDir: z.string(),
  logsDir: z.string(),
});

export const healthStatusSchema = z.enum(['ok', 'degraded', 'failing']);

/** One thing main checked about itself, with what the administrator should know when it fails. */
export const healthCheckSchema = z.object({
  name: z.string(),
  status: healthStatusSchema,
  detail: z.string(),
});

export const appHealthSchema = z.object({
  status: healthStatusSchema,
  checks: z.array(healthCheckSchema),
  uptimeSeconds: z.number().nonnegative(),
  checkedAt: z.iso.datetime(),
});

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

/** One log line as main writes it to the logs folder and pushes it to the Activity view. */
export const logEntrySchema = z.object({
  at: z.iso.datetime(),
  level: logLevelSchema,
  source: z.string().max(100),
  message: z.string().max(10_000),
});

export type HostKind = z.infer<typeof hostKindSchema>;
export type AppInfo = z.infer<typeof appInfoSchema>;
export type HealthStatus = z.infer<typeof healthStatusSchema>;
export type HealthCheck = z.infer<typeof healthCheckSchema>;
export type AppHealth = z.infer<typeof appHealthSchema>;
export type LogLevel = z.infer<typeof logLevelSchema>;
export type LogEntry = z.infer<typeof logEntrySchema>;
