import type { CertificateRecord } from '../../../src-shared/domain';
import type { ExportFormat, RecordDetail, RevocationReasonName } from '../../../src-shared/ipc';
import { exportCertificate } from '../../config';
import { ObjectNotFoundError } from '../../store';
import { listRecordSummaries, recordSummary } from './record_summaries';
import type { UiContext } from './ui_context';
import { UiActionError } from './user_errors';

/** Audit events shown in a record's history, newest first. */
const historyEventLimit = 200;

function recordDetail(context: UiContext, recordId: string): RecordDetail {
  const store = context.config.store;
  const record = store.certificateRecords.get(recordId);
  if (record === null) throw new ObjectNotFoundError('certificate record', recordId);
  const summary = recordSummary(store, recordId, context.now().getTime());
  if (summary === null) throw new ObjectNotFoundError('certificate record', recordId);
  const history = store.certificates.history(recordId);
  const certificateEvents = history.flatMap((c) => store.audit.list({ objectKind: 'certificate', objectId: c.id, limit: historyEventLimit }));
  const transactions = store.transactions.history(recordId, 50);
  const transactionEvents = transactions.flatMap((t) => store.audit.list({ objectKind: 'transaction', objectId: t.id, limit: 50 }));
  const events = [...store.audit.list({ objectKind: 'certificate-record', objectId: recordId, limit: historyEventLimit }), ...certificateEvents, ...transactionEvents]
    .sort((a, b) => b.sequence - a.sequence)
    .slice(0, historyEventLimit);
  return {
    record,
    summary,
    current: store.certificates.current(recordId),
    versions: history.map((c) => ({ id: c.id, status: c.status, origin: c.origin, serialNumber: c.serialNumber, notBefore: c.notBefore, notAfter: c.notAfter, obtainedAt: c.obtainedAt })),
    transactions,
    events,
  };
}

const exportNames: Record<ExportFormat, { suffix: string; mediaType: string }> = {
  pem: { suffix: '.pem', mediaType: 'application/x-pem-file' },
  der: { suffix: '.der', mediaType: 'application/pkix-cert' },
  chain: { suffix: '-chain.pem', mediaType: 'application/x-pem-file' },
  pkcs12: { suffix: '.p12', mediaType: 'application/x-pkcs12' },
};

function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'certificate';
}

export function recordHandlers(context: UiContext) {
  const store = () => context.config.store;
  const changed = (recordIds: string[]) => context.events.emit('records.changed', { recordIds });
  return {
    'records.list': async () => {
      const views = await context.lifecycle.recordViews();
      return { records: listRecordSummaries(store(), context.now().getTime(), views), generatedAt: context.now().toISOString() };
    },
    'records.get': ({ recordId }: { recordId: string }) => recordDetail(context, recordId),
    'records.save': async ({ record }: { record: CertificateRecord }) => {
      const saved = context.config.service.save('certificate-record', record);
      changed([saved.id]);
      // A new or changed CMP record is examined at once rather than at the next tick.
      if (saved.managedBy === 'cmp' && context.lifecycle.available) {
        context.lifecycle.processNow(saved.id).catch((error: unknown) => context.logger.warn('records', `processing "${saved.name}" after saving failed: ${String(error)}`));
      }
      return saved;
    },
    'records.delete': async ({ recordIds }: { recordIds: string[] }) => {
      let deleted = 0;
      for (const id of recordIds) {
        await context.config.service.delete('certificate-record', id);
        deleted++;
      }
      changed(recordIds);
      return { deleted };
    },
    'records.forceRenew': ({ recordId, applyNow }: { recordId: string; applyNow: boolean }) => context.lifecycle.forceRenew(recordId, { applyNow }),
    'records.pollNow': ({ recordId }: { recordId: string }) => context.lifecycle.pollNow(recordId),
    'records.reenroll': ({ recordId }: { recordId: string }) => context.lifecycle.reenroll(recordId),
    'records.revoke': ({ recordId, reason }: { recordId: string; reason: RevocationReasonName }) => context.lifecycle.revoke(recordId, reason),
    'records.cancelTransaction': ({ recordId }: { recordId: string }) => context.lifecycle.cancelTransaction(recordId),
    'records.export': async ({ recordId, format, passphrase, legacy }: { recordId: string; format: ExportFormat; passphrase?: string; legacy?: boolean }) => {
      const record = store().certificateRecords.get(recordId);
      if (record === null) throw new ObjectNotFoundError('certificate record', recordId);
      if (format === 'pkcs12' && (passphrase ?? '').length < 8) throw new UiActionError('A PKCS#12 file needs a passphrase of at least 8 characters; it protects the private key');
      const result = await exportCertificate(store(), () => context.config.dataKey(), {
        record: record.id,
        format: format === 'pkcs12' ? 'p12' : format === 'der' ? 'der' : 'pem',
        chain: format === 'chain' || format === 'pkcs12',
        legacy: legacy ?? false,
        passphrase,
      });
      context.logger.info('records', `exported certificate ${result.certificate.serialNumber} of "${record.name}" as ${format}`);
      return { fileName: `${fileStem(record.name)}${exportNames[format].suffix}`, mediaType: exportNames[format].mediaType, base64: Buffer.from(result.bytes).toString('base64') };
    },
  };
}
