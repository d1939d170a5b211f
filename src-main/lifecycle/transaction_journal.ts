import type { TransactionState, TransactionTrigger } from '../../src-shared/domain';
import type { TransactionSnapshot } from '../cmp/transactions';
import type { ApplyMode, Store } from '../store';
import type { EnrollmentJournal } from './enroller';
import { parametersJson, requestFingerprint, type RequestParameters } from './request_parameters';

/** The engine's states as the administrator's transaction states (src-shared/domain/transaction.ts). */
const journalState: Partial<Record<TransactionSnapshot['state'], TransactionState>> = {
  preparing: 'requested',
  sent: 'requested',
  waiting: 'waiting',
  polling: 'waiting',
  received: 'confirming',
  confirming: 'confirming',
};
/** Snapshots taken just before a message goes out. */
const beforeSend = new Set<TransactionSnapshot['state']>(['sent', 'polling', 'confirming']);

const hex = (base64: string | undefined) => (base64 === undefined ? undefined : Buffer.from(base64, 'base64').toString('hex'));

export interface JournalTarget {
  /** The journal row's id; the row is created at the first checkpoint. */
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

/** The journal of one enrollment; `rowId` changes when a lost request had to start over as a new transaction. */
export interface RecordJournal extends EnrollmentJournal {
  readonly rowId: string;
}

/**
 * Writes every checkpoint of a transaction to the store before its message goes out (synchronous
 * SQLite, synchronous=FULL): transactionID, nonces, the server, and the engine's snapshot with the
 * exact bytes sent and any certificate received. After SIGKILL the journal says where the
 * exchange stood, and the engine resumes it from there.
 */
export function journalFor(store: Store, target: JournalTarget, serverIdByName: ReadonlyMap<string, string>, now: () => Date): RecordJournal {
  let exists = target.exists;
  let rowId = target.rowId;
  const newRow = (id: string, snapshot: TransactionSnapshot, state: TransactionState, serverId: string | null) => {
    const time = now().toISOString();
    return {
      id,
      recordId: target.recordId,
      type: target.type,
      trigger: target.trigger,
      state,
      transactionId: hex(snapshot.transactionId)!,
      senderNonce: hex(snapshot.lastSenderNonce) ?? hex(snapshot.transactionId)!,
      recipNonce: hex(snapshot.lastRecipNonce) ?? null,
      serverId,
      nextPollAt: null,
      attempts: beforeSend.has(snapshot.state) ? 1 : 0,
      lastError: null,
      pendingPrivateKeyId: target.pendingPrivateKeyId,
      requestDer: null,
      startedAt: time,
      updatedAt: time,
    };
  };
  const request = (id: string, snapshot: TransactionSnapshot) => ({
    transactionRowId: id,
    parametersJson: parametersJson(target.parameters),
    fingerprint: requestFingerprint(target.parameters),
    applyMode: target.applyMode,
    snapshotJson: JSON.stringify(snapshot),
  });
  return {
    get rowId() {
      return rowId;
    },
    checkpoint(snapshot: TransactionSnapshot, serverName: string | null) {
      const state = journalState[snapshot.state];
      if (state === undefined) return;
      const serverId = (serverName === null ? undefined : serverIdByName.get(serverName)) ?? null;
      store.atomically(() => {
        if (!exists) {
          store.transactions.begin(newRow(rowId, snapshot, state, serverId));
          store.lifecycle.insertRequest(request(rowId, snapshot));
          exists = true;
          return;
        }
        const row = store.transactions.get(rowId)!;
        if (row.transactionId !== hex(snapshot.transactionId)) {
          // The lost request is made again under a new transactionID: the old row is superseded, the key stays.
          const replacementId = crypto.randomUUID();
          store.transactions.supersede(rowId, newRow(replacementId, snapshot, state, serverId));
          store.lifecycle.insertRequest(request(replacementId, snapshot));
          rowId = replacementId;
          return;
        }
        store.transactions.update(rowId, {
          state,
          senderNonce: hex(snapshot.lastSenderNonce) ?? row.senderNonce,
          recipNonce: hex(snapshot.lastRecipNonce) ?? row.recipNonce,
          serverId: serverId ?? row.serverId,
          nextPollAt: snapshot.state === 'waiting' && snapshot.nextPollAt ? new Date(snapshot.nextPollAt).toISOString() : null,
          attempts: row.attempts + (beforeSend.has(snapshot.state) ? 1 : 0),
        });
        store.lifecycle.saveSnapshot(rowId, JSON.stringify(snapshot));
      });
    },
  };
}
