import { globalConfigSchema, parseDomain, type GlobalConfig } from '../../../src-shared/domain';
import type { AuditLog } from '../audit_log';
import type { Connection } from '../database';
import { fromFlag, toFlag } from '../sql';
import { recordConfigChange } from './config_change';

/** cmp-global-config: exactly one row, created with the defaults by the first migration. */
export class GlobalConfigRepository {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(): GlobalConfig {
    const row = this.connection.prepare('SELECT * FROM global_config WHERE id = 1').get() as Record<string, unknown>;
    return parseDomain(
      globalConfigSchema,
      {
        processingIntervalMinutes: row.processing_interval_minutes,
        kurWindowStart: row.kur_window_start,
        kurWindowEnd: row.kur_window_end,
        expiryWarningDays: row.expiry_warning_days,
        expiryNotificationIntervalHours: row.expiry_notification_interval_hours,
        secureCertificateMode: fromFlag(row.secure_certificate_mode),
      },
      'global CMP settings (stored)',
    );
  }

  update(config: GlobalConfig): GlobalConfig {
    const next = parseDomain(globalConfigSchema, config, 'global CMP settings');
    this.connection.transaction(() => {
      const before = this.get();
      this.connection
        .prepare(
          `UPDATE global_config SET processing_interval_minutes = ?, kur_window_start = ?, kur_window_end = ?, expiry_warning_days = ?,
           expiry_notification_interval_hours = ?, secure_certificate_mode = ?, updated_at = ? WHERE id = 1`,
        )
        .run(next.processingIntervalMinutes, next.kurWindowStart, next.kurWindowEnd, next.expiryWarningDays, next.expiryNotificationIntervalHours, toFlag(next.secureCertificateMode), this.now().toISOString());
      recordConfigChange(this.audit, 'global-config', null, 'cmp-global-config', before, next);
    })();
    return next;
  }
}
