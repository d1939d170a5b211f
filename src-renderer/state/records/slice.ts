import type { RecordStatus, RecordSummary, TransactionProgress } from '../../../src-shared/ipc/index';
import { mark, marks } from '../../features/common/performance_marks';
import { errorText, ipc } from '../client';
import type { SliceCreator } from '../slice';

export type SortKey = 'name' | 'purpose' | 'commonName' | 'status' | 'notAfter' | 'profileName' | 'serverName';

export interface RecordsFilter {
  text: string;
  statuses: RecordStatus[];
  purpose: string;
}

/** Progress lines kept per record: enough for the inline transaction view. */
export const progressLimit = 30;

export interface RecordsSlice {
  records: RecordSummary[];
  recordsLoaded: boolean;
  recordsError?: string;
  /** Milliseconds the last list took from request to store (shown to nobody; measured by the bench). */
  recordsLoadMs?: number;
  filter: RecordsFilter;
  sort: { key: SortKey; descending: boolean };
  selection: string[];
  bulkMessage?: string;
  progress: Record<string, TransactionProgress[]>;
  loadRecords(): Promise<void>;
  setFilter(patch: Partial<RecordsFilter>): void;
  sortBy(key: SortKey): void;
  setSelection(ids: string[]): void;
  toggleSelected(id: string): void;
  bulkRenew(ids: string[]): Promise<void>;
  bulkDelete(ids: string[]): Promise<void>;
  addProgress(event: TransactionProgress): void;
}

export const createRecordsSlice: SliceCreator<RecordsSlice> = (set, get) => ({
  records: [],
  recordsLoaded: false,
  filter: { text: '', statuses: [], purpose: '' },
  sort: { key: 'name', descending: false },
  selection: [],
  progress: {},
  async loadRecords() {
    const started = performance.now();
    try {
      const { records } = await ipc().invoke('records.list', {});
      const known = new Set(records.map((r) => r.id));
      mark(marks.recordsLoaded);
      set((s) => ({ records, recordsLoaded: true, recordsError: undefined, recordsLoadMs: performance.now() - started, selection: s.selection.filter((id) => known.has(id)) }));
    } catch (error) {
      set({ recordsError: errorText(error), recordsLoaded: true });
    }
  },
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  sortBy: (key) => set((s) => ({ sort: { key, descending: s.sort.key === key ? !s.sort.descending : false } })),
  setSelection: (selection) => set({ selection }),
  toggleSelected: (id) => set((s) => ({ selection: s.selection.includes(id) ? s.selection.filter((x) => x !== id) : [...s.selection, id] })),
  async bulkRenew(ids) {
    let started = 0;
    const failures: string[] = [];
    for (const id of ids) {
      try {
        await ipc().invoke('records.forceRenew', { recordId: id, applyNow: false });
        started++;
      } catch (error) {
        const name = get().records.find((r) => r.id === id)?.name ?? id;
        failures.push(`${name}: ${errorText(error)}`);
      }
    }
    set({ bulkMessage: `Renewal started for ${started} of ${ids.length} record(s).${failures.length ? ` Not started: ${failures.slice(0, 5).join('; ')}${failures.length > 5 ? ' …' : ''}` : ''}` });
  },
  async bulkDelete(ids) {
    try {
      const { deleted } = await ipc().invoke('records.delete', { recordIds: ids });
      set({ bulkMessage: `Deleted ${deleted} record(s).`, selection: [] });
    } catch (error) {
      set({ bulkMessage: `Delete stopped: ${errorText(error)}` });
    }
    await get().loadRecords();
  },
  addProgress: (event) =>
    set((s) => ({ progress: { ...s.progress, [event.recordId]: [...(s.progress[event.recordId] ?? []).slice(-(progressLimit - 1)), event] } })),
});
