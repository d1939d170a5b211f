import type { TransactionState, TransactionTrigger, TransactionType } from '../../src-shared/domain';
import type { ApplyMode, LifecycleTickRow } from '../store';
import { desiredParameters, parseParametersJson, type RequestParameters } from './request_parameters';


/** Everything the renewal policy knows about one record; times are ms since the epoch. */
export interface RecordView {
  recordId: string;
  name: string;
  managedBy: 'cmp' | 'manual';
  /** What the record asks for now; null when manual or without a CMP profile. */
  desired: RequestParameters | null;
  renewBeforeExpiryDays: number | null;
  current: {
    certificateId: string;
    notBefore: number;
    notAfter: number;
    /** What it was requested with; null when it was not obtained through CMP (imported). */
    requested: RequestParameters | null;
    /** True when `requested` is exactly `desired` (checked once on the canonical JSON, so the tick stays cheap). */
    matchesDesired?: boolean;
  } | null;
  open: {
    transactionRowId: string;
    type: TransactionType;
    state: TransactionState;
    nextPollAt: number | null;
    applyMode: ApplyMode;
  } | null;
  retryAt: number | null;
  failures: number;
  lastError: string | null;
  lastWarningAt: number | null;
}

const time = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** Builds the view from the store's one-query tick row, without decoding any certificate. */
export function recordViewFromRow(row: LifecycleTickRow): RecordView {
  const subject = Object.fromEntries(
    Object.entries({
      country: row.subjectCountry,
      state: row.subjectState,
      locality: row.subjectLocality,
      organization: row.subjectOrganization,
      organizationalUnit: row.subjectOrganizationalUnit,
      commonName: row.subjectCommonName,
      emailAddress: row.subjectEmailAddress,
    }).filter(([, v]) => v !== null),
  );
  const desired =
    row.managedBy === 'cmp' && row.cmpProfileId !== null
      ? desiredParameters({
          managedBy: 'cmp',
          cmpProfileId: row.cmpProfileId,
          subject,
          subjectAltNames: JSON.parse(row.subjectAltNamesJson),
          keyAlgorithm: row.keyAlgorithm as RequestParameters['keyAlgorithm'],
          keyUsage: JSON.parse(row.keyUsageJson),
          extendedKeyUsage: JSON.parse(row.extendedKeyUsageJson),
          digest: row.digest as RequestParameters['digest'],
        })
      : null;
  const desiredJson = desired === null ? null : JSON.stringify(desired);
  const matchesDesired = desiredJson !== null && desiredJson === row.certificateParametersJson;
  return {
    recordId: row.recordId,
    name: row.name,
    managedBy: row.managedBy,
    desired,
    renewBeforeExpiryDays: row.renewBeforeExpiryDays,
    current:
      row.certificateId === null
        ? null
        : {
            certificateId: row.certificateId,
            notBefore: Date.parse(row.notBefore!),
            notAfter: Date.parse(row.notAfter!),
            requested: matchesDesired ? desired : row.certificateParametersJson === null ? null : parseParametersJson(row.certificateParametersJson),
            matchesDesired,
          },
    open:
      row.transactionRowId === null
        ? null
        : {
            transactionRowId: row.transactionRowId,
            type: row.transactionType as TransactionType,
            state: row.transactionState as TransactionState,
            nextPollAt: time(row.nextPollAt),
            applyMode: row.applyMode ?? 'window',
          },
    retryAt: time(row.retryAt),
    failures: row.failures ?? 0,
    lastError: row.lastError,
    lastWarningAt: time(row.lastWarningAt),
  };
}

export type { TransactionTrigger };
