import type { RecordStatus, RecordSummary } from '../../../src-shared/ipc/index';
import type { AppState } from '../store';
import type { RecordsFilter, SortKey } from './slice';

/** Status order for sorting and the summary strip: what needs attention first. */
export const statusOrder: RecordStatus[] = ['failed', 'expired', 'renewal-due', 'polling', 'in-progress', 'waiting-for-window', 'valid', 'manual'];

export const statusLabels: Record<RecordStatus, string> = {
  valid: 'Valid',
  'renewal-due': 'Renewal due',
  'waiting-for-window': 'Waiting for window',
  'in-progress': 'In progress',
  polling: 'Polling',
  failed: 'Failed',
  expired: 'Expired',
  manual: 'Manual',
};

function matches(record: RecordSummary, filter: RecordsFilter, text: string): boolean {
  if (filter.statuses.length > 0 && !filter.statuses.includes(record.status)) return false;
  if (filter.purpose !== '' && record.purpose !== filter.purpose) return false;
  if (text === '') return true;
  return (
    record.name.toLowerCase().includes(text) ||
    (record.commonName ?? '').toLowerCase().includes(text) ||
    (record.profileName ?? '').toLowerCase().includes(text) ||
    (record.serverName ?? '').toLowerCase().includes(text) ||
    (record.serialNumber ?? '').includes(text)
  );
}

function compare(key: SortKey): (a: RecordSummary, b: RecordSummary) => number {
  if (key === 'status') return (a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status);
  if (key === 'notAfter') return (a, b) => (a.notAfter ?? '9999').localeCompare(b.notAfter ?? '9999');
  return (a, b) => (a[key] ?? '').localeCompare(b[key] ?? '');
}

let memo: { records: RecordSummary[]; filter: RecordsFilter; sort: AppState['sort']; result: RecordSummary[] } | undefined;

/** The filtered, sorted rows; recomputed only when records, filter or sort change (10,000 rows stay fast). */
export function selectVisibleRecords(s: AppState): RecordSummary[] {
  if (memo && memo.records === s.records && memo.filter === s.filter && memo.sort === s.sort) return memo.result;
  const text = s.filter.text.trim().toLowerCase();
  const filtered = s.records.filter((r) => matches(r, s.filter, text));
  const order = compare(s.sort.key);
  filtered.sort(s.sort.descending ? (a, b) => order(b, a) : order);
  memo = { records: s.records, filter: s.filter, sort: s.sort, result: filtered };
  return filtered;
}

let countsMemo: { records: RecordSummary[]; counts: Record<RecordStatus, number> } | undefined;

export function selectStatusCounts(s: AppState): Record<RecordStatus, number> {
  if (countsMemo?.records === s.records) return countsMemo.counts;
  const counts = Object.fromEntries(statusOrder.map((k) => [k, 0])) as Record<RecordStatus, number>;
  for (const r of s.records) counts[r.status]++;
  countsMemo = { records: s.records, counts };
  return counts;
}

let nextMemo: { records: RecordSummary[]; next: RecordSummary[] } | undefined;

/** The next renewals by renew-before-expiry date. */
export function selectNextRenewals(s: AppState): RecordSummary[] {
  if (nextMemo?.records === s.records) return nextMemo.next;
  const next = s.records.filter((r) => r.renewAt !== null && r.managedBy === 'cmp').sort((a, b) => (a.renewAt as string).localeCompare(b.renewAt as string)).slice(0, 5);
  nextMemo = { records: s.records, next };
  return next;
}

export const selectFilter = (s: AppState) => s.filter;
export const selectSort = (s: AppState) => s.sort;
export const selectSelection = (s: AppState) => s.selection;
export const selectRecordsState = (s: AppState) => ({ loaded: s.recordsLoaded, error: s.recordsError, total: s.records.length, bulkMessage: s.bulkMessage });
export const selectProgressFor = (recordId: string | undefined) => (s: AppState) => (recordId ? s.progress[recordId] : undefined);
