import { recordStatuses } from '../../../lifecycle';
import type { CliCommand } from '../command';
import { withLifecycle } from '../lifecycle/lifecycle_session';

/** Every record: name, state, serial, notAfter, managedBy, last error. */
export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Show every certificate record: state, serial, expiry, management, last error',
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run({ values, context }) {
    return withLifecycle(
      context,
      async (life) => {
        const rows = recordStatuses(life.store, life.engine.plan(), Date.now());
        if (values.json) {
          context.output.out(JSON.stringify(rows));
          return 0;
        }
        const table = [['NAME', 'STATE', 'SERIAL', 'NOT AFTER', 'MANAGED BY', 'LAST ERROR'], ...rows.map((r) => [r.name, r.state, r.serial ?? '-', r.notAfter ?? '-', r.managedBy, r.lastError ?? ''])];
        const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
        for (const row of table) context.output.out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
        return 0;
      },
      { needsCa: false },
    );
  },
};
