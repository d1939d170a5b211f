import type { OpenLifecycle } from '../../../lifecycle';
import type { CliCommand } from '../command';
import { recordByName, withLifecycle } from '../lifecycle/lifecycle_session';

function recordHistory(life: OpenLifecycle, name: string) {
  const record = recordByName(life, name);
  return {
    record: record.name,
    statistics: life.store.statistics.list(record.id),
    transactions: life.store.transactions.history(record.id).map(({ id: _id, requestDer: _der, ...t }) => t),
    certificates: life.store.certificates.history(record.id).map((c) => ({ serial: c.serialNumber, status: c.status, origin: c.origin, notBefore: c.notBefore, notAfter: c.notAfter, obtainedAt: c.obtainedAt })),
    events: life.store.audit.list({ objectKind: 'certificate-record', objectId: record.id, limit: 100, newestFirst: true }).map((e) => ({ at: e.at, type: e.type, message: e.message })),
  };
}

function globalHistory(life: OpenLifecycle) {
  const totals = new Map<string, number>();
  for (const c of life.store.statistics.list()) totals.set(`${c.messageType}/${c.outcome}`, (totals.get(`${c.messageType}/${c.outcome}`) ?? 0) + c.count);
  return {
    statistics: Object.fromEntries([...totals].sort()),
    outstandingRequests: life.store.transactions.open().map((t) => ({ record: life.store.certificateRecords.get(t.recordId)?.name, type: t.type, state: t.state, startedAt: t.startedAt })),
    lastErrors: life.engine.views().filter((v) => v.lastError !== null).map((v) => ({ record: v.name, failures: v.failures, lastError: v.lastError })),
    events: life.store.audit.list({ limit: 50, newestFirst: true }).map((e) => ({ at: e.at, type: e.type, message: e.message })),
  };
}

/** Statistics and history, of one record or of all (reference/002: counters, outstanding requests, last transactions). */
export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'Show statistics and history of one record or of all (counts by message and outcome, outstanding requests, errors)',
  usage: '[<record>] [--json]',
  options: { json: { type: 'boolean' } },
  async run({ values, positionals, context }) {
    return withLifecycle(
      context,
      async (life) => {
        const result = positionals[0] ? recordHistory(life, positionals[0]) : globalHistory(life);
        if (values.json) context.output.out(JSON.stringify(result));
        else for (const [key, value] of Object.entries(result)) context.output.out(`${key}: ${JSON.stringify(value, null, 2)}`);
        return 0;
      },
      { needsCa: false },
    );
  },
};
