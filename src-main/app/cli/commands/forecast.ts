import { forecastRenewals } from '../../../lifecycle';
import { CliUsageError, type CliCommand } from '../command';
import { withLifecycle } from '../lifecycle/lifecycle_session';

/** The renewals of the next N days, from the same policy the scheduler runs. */
export const forecastCommand: CliCommand = {
  name: 'forecast',
  summary: 'List the renewals the scheduler will perform in the next N days (with the KUR window)',
  usage: '--days <N> [--json]',
  options: { days: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, context }) {
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new CliUsageError('--days must be a whole number from 1 to 3650', 'forecast');
    return withLifecycle(
      context,
      async (life) => {
        const settings = life.engine.settings();
        const entries = forecastRenewals(life.engine.views(), settings, Date.now(), days);
        const rows = entries.map((e) => ({
          at: new Date(e.at).toISOString(),
          record: e.name,
          type: e.type,
          reason: e.reason,
          dueSince: e.dueSince === null ? null : new Date(e.dueSince).toISOString(),
          replacesNotAfter: e.replacesNotAfter === null ? null : new Date(e.replacesNotAfter).toISOString(),
        }));
        if (values.json) {
          context.output.out(JSON.stringify({ kurWindow: { start: settings.kurWindowStart, end: settings.kurWindowEnd }, renewals: rows }));
          return 0;
        }
        context.output.out(`KUR window ${settings.kurWindowStart}-${settings.kurWindowEnd}; ${rows.length} renewal(s) in the next ${days} days`);
        for (const r of rows) context.output.out(`${r.at}  ${r.record}  ${r.type}  ${r.reason}`);
        return 0;
      },
      { needsCa: false },
    );
  },
};
