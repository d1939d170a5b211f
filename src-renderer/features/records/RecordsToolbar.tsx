import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { certificatePurpose } from '../../../src-shared/domain';
import type { RecordStatus } from '../../../src-shared/ipc/index';
import { useAppStore } from '../../state/store';
import { selectFilter, selectRecordsState, selectSelection, selectVisibleRecords, statusLabels, statusOrder } from '../../state/records/selectors';

/** Search, filters and the bulk actions on the selected records. */
export function RecordsToolbar({ onExport }: { onExport: (ids: string[]) => void }) {
  const filter = useAppStore(useShallow(selectFilter));
  const selection = useAppStore(selectSelection);
  const shown = useAppStore((s) => selectVisibleRecords(s).length);
  const { total, bulkMessage } = useAppStore(useShallow(selectRecordsState));
  const { setFilter, bulkRenew, bulkDelete } = useAppStore(useShallow((s) => ({ setFilter: s.setFilter, bulkRenew: s.bulkRenew, bulkDelete: s.bulkDelete })));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const toggleStatus = (status: RecordStatus) => setFilter({ statuses: filter.statuses.includes(status) ? filter.statuses.filter((s) => s !== status) : [...filter.statuses, status] });
  return (
    <div className="records-toolbar">
      <div className="toolbar-row">
        <input type="search" aria-label="Search records by name, CN, profile, server or serial" placeholder="Search name, CN, profile, server, serial…" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} data-testid="records-search" />
        <select aria-label="Filter by purpose" value={filter.purpose} onChange={(e) => setFilter({ purpose: e.target.value })}>
          <option value="">All purposes</option>
          {certificatePurpose.options.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <span className="muted" aria-live="polite" data-testid="records-count">
          {shown === total ? `${total} records` : `${shown} of ${total} records`}
        </span>
      </div>
      <div className="toolbar-row" role="group" aria-label="Filter by status">
        {statusOrder.map((status) => (
          <button key={status} type="button" className="chip" aria-pressed={filter.statuses.includes(status)} onClick={() => toggleStatus(status)}>
            {statusLabels[status]}
          </button>
        ))}
      </div>
      {selection.length > 0 && (
        <div className="toolbar-row bulk" role="group" aria-label="Actions on selected records">
          <strong>{selection.length} selected</strong>
          <button type="button" onClick={() => void bulkRenew(selection)}>
            Renew now
          </button>
          <button type="button" onClick={() => onExport(selection)}>
            Export expiries (CSV)
          </button>
          {confirmDelete ? (
            <>
              <span>Delete {selection.length} record(s) and their certificates?</span>
              <button type="button" className="danger" onClick={() => void bulkDelete(selection).then(() => setConfirmDelete(false))}>
                Yes, delete
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep them
              </button>
            </>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          )}
        </div>
      )}
      {bulkMessage && (
        <p className="notice" aria-live="polite">
          {bulkMessage}
        </p>
      )}
    </div>
  );
}
