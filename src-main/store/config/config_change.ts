import type { AuditObjectKind } from '../../../src-shared/domain';
import type { AuditLog } from '../audit_log';

const labels: Record<AuditObjectKind, string> = {
  'global-config': 'Global CMP settings',
  'trust-anchor': 'Trust anchor',
  'tls-profile': 'TLS profile',
  'cmp-server': 'CMP server',
  'server-group': 'Server group',
  'cmp-profile': 'CMP profile',
  'certificate-record': 'Certificate record',
  certificate: 'Certificate',
  transaction: 'Transaction',
};

/** The label an administrator reads for a kind of object ("CMP server"). */
export function objectLabel(kind: AuditObjectKind): string {
  return labels[kind];
}

/**
 * Appends the "config-changed" audit event for a create, update or delete. Called inside the same
 * SQLite transaction as the change, so the log and the configuration never disagree.
 */
export function recordConfigChange(audit: AuditLog, kind: AuditObjectKind, id: string | null, name: string, before: unknown, after: unknown): void {
  const verb = before === null ? 'created' : after === null ? 'deleted' : 'changed';
  audit.record({ type: 'config-changed', objectKind: kind, objectId: id, before, after, message: `${labels[kind]} "${name}" ${verb}` });
}
