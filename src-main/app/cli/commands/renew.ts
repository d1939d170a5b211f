import { CliUsageError, type CliCommand } from '../command';
import { recordByName, withLifecycle } from '../lifecycle/lifecycle_session';

/** Force renew (reference/000 cmp-keyupdate-request): sends now, puts into use now or at the next KUR window. */
export const renewCommand: CliCommand = {
  name: 'renew',
  summary: 'Force-renew a record now, whatever the KUR window (--apply-now: put the new certificate into use at once)',
  usage: '<record> [--apply-now]',
  options: { 'apply-now': { type: 'boolean' } },
  async run({ values, positionals, context }) {
    if (positionals.length !== 1) throw new CliUsageError('expected one record name', 'renew');
    return withLifecycle(
      context,
      async (life) => {
        const record = recordByName(life, positionals[0]);
        await life.engine.forceRenew(record.id, { applyNow: values['apply-now'] === true });
        const transaction = life.store.transactions.history(record.id, 1)[0];
        const current = life.store.certificates.current(record.id);
        context.output.out(`${record.name}: ${transaction?.type ?? '-'} ${transaction?.state ?? '-'}${transaction?.lastError ? ` (${transaction.lastError})` : ''}`);
        context.output.out(`current certificate: ${current ? `${current.serialNumber} valid until ${current.notAfter}` : 'none'}`);
        return transaction?.state === 'completed' || transaction?.state === 'held' ? 0 : 1;
      },
      { needsCa: true },
    );
  },
};
