import type { TransactionState, TransactionTrigger } from '../../src-shared/domain';
import type { ParsedCertificate } from '../pki';
import type { ApplyMode, Store } from '../store';
import type { EnrollmentJournal, SendStep } from './enroller';
import { parametersJson, requestFingerprint, type RequestParameters } from './request_parameters';

const stateBeforeSending: Record<string, TransactionState> = { pollReq: 'waiting', certConf: 'confirming' };

export interface JournalTarget {
  /** The journal row's id; the row is created at the first send. */
  rowId: string;
  recordId: string;
  type: 'ir' | 'kur';
  trigger: TransactionTrigger;
  parameters: RequestParameters;
  applyMode: ApplyMode;
  pendingPrivateKeyId: string;
  /** True when the row exists already (a resumed transaction). */
  exists: boolean;
}

/**
 * Writes every step of a transaction to the store before its message goes out (synchronous
 * SQLite, synchronous=FULL): transactionID, nonces, the server, the engine's snapshot, and the
 * accepted certificate before the certConf that accepts it. After a crash the journal says exactly
 * where the exchange stood.
 */
export function journalFor(store: Store, target: JournalTarget, serverIdByName: ReadonlyMap<string, string>, now: () => Date): EnrollmentJournal {
  let exists = target.exists;
  return {
    beforeSend(step: SendStep) {
      const snapshot = step.snapshot;
      const state = stateBeforeSending[step.messageType] ?? 'requested';
      const serverId = serverIdByName.get(step.serverName) ?? null;
      store.atomically(() => {
        if (!exists) {
          const time = now().toISOString();
          store.transactions.begin({
            id: target.rowId,
            recordId: target.recordId,
            type: target.type,
            trigger: target.trigger,
            state,
            transactionId: snapshot.transactionId,
            senderNonce: snapshot.lastSenderNonce!,
            recipNonce: snapshot.lastRecipNonce ?? null,
            serverId,
            nextPollAt: null,
            attempts: 1,
            lastError: null,
            pendingPrivateKeyId: target.pendingPrivateKeyId,
            requestDer: null,
            startedAt: time,
            updatedAt: time,
          });
          store.lifecycle.insertRequest({
            transactionRowId: target.rowId,
            parametersJson: parametersJson(target.parameters),
            fingerprint: requestFingerprint(target.parameters),
            applyMode: target.applyMode,
            snapshotJson: JSON.stringify(snapshot),
          });
          exists = true;
          return;
        }
        const row = store.transactions.get(target.rowId)!;
        store.transactions.update(target.rowId, {
          state,
          senderNonce: snapshot.lastSenderNonce ?? row.senderNonce,
          recipNonce: snapshot.lastRecipNonce ?? row.recipNonce,
          serverId: serverId ?? row.serverId,
          nextPollAt: null,
          attempts: row.attempts + 1,
        });
        store.lifecycle.saveSnapshot(target.rowId, JSON.stringify(snapshot));
      });
    },
    certificateReceived(certificate: ParsedCertificate, chain: readonly ParsedCertificate[]) {
      if (!exists) return;
      store.lifecycle.saveReceived(target.rowId, certificate.der, JSON.stringify(chain.map((c) => Buffer.from(c.der).toString('base64'))));
    },
  };
}
