import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RecordSummary } from '../../../src-shared/ipc/index';
import { useAppStore } from '../../state/store';
import { selectSelection, selectSort, selectVisibleRecords } from '../../state/records/selectors';
import type { SortKey } from '../../state/records/slice';
import { StatusBadge } from '../common/StatusBadge';
import { markOnce, marks } from '../common/performance_marks';
import { useNow } from '../common/use_now';

export const rowHeight = 36;
const overscan = 10;

const columns: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'purpose', label: 'Purpose' },
  { key: 'commonName', label: 'Subject CN' },
  { key: 'status', label: 'Status' },
  { key: 'notAfter', label: 'Expires' },
  { key: 'profileName', label: 'Profile' },
  { key: 'serverName', label: 'Server' },
];

/** "in 12 days", "3 h ago": the countdown the table shows next to the date. */
export function countdown(iso: string | null, now: number): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const text = abs >= 86_400_000 ? `${Math.floor(abs / 86_400_000)} d` : abs >= 3_600_000 ? `${Math.floor(abs / 3_600_000)} h` : `${Math.max(1, Math.floor(abs / 60_000))} min`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/**
 * The records table: only the rows in view are in the DOM (fixed row height), so 10,000 records
 * scroll smoothly. Arrow keys move between rows, Space selects, Enter opens the certificate.
 */
export function RecordsTable({ onOpen, height = 480 }: { onOpen: (id: string) => void; height?: number }) {
  const rows = useAppStore(selectVisibleRecords);
  const sort = useAppStore(useShallow(selectSort));
  const selection = useAppStore(selectSelection);
  const { sortBy, toggleSelected, setSelection } = useAppStore(useShallow((s) => ({ sortBy: s.sortBy, toggleSelected: s.toggleSelected, setSelection: s.setSelection })));
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const viewport = useRef<HTMLDivElement>(null);
  const now = useNow();
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const selected = new Set(selection);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  useEffect(() => {
    if (rows.length > 0) markOnce(marks.recordsTableRendered);
  }, [rows.length]);

  function focusRow(index: number) {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    setActive(clamped);
    const el = viewport.current;
    if (!el) return;
    const top = clamped * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    requestAnimationFrame(() => el.querySelector<HTMLElement>(`[data-row-index="${clamped}"]`)?.focus());
  }

  function onKeyDown(event: KeyboardEvent, row: RecordSummary, index: number) {
    if (event.key === 'ArrowDown') focusRow(index + 1);
    else if (event.key === 'ArrowUp') focusRow(index - 1);
    else if (event.key === 'Home') focusRow(0);
    else if (event.key === 'End') focusRow(rows.length - 1);
    else if (event.key === ' ') toggleSelected(row.id);
    else if (event.key === 'Enter') onOpen(row.id);
    else return;
    event.preventDefault();
  }

  return (
    <div className="records-table" role="table" aria-label="Certificate records" aria-rowcount={rows.length + 1} data-testid="records-table">
      <div className="records-row records-head" role="row" aria-rowindex={1}>
        <span role="columnheader" className="cell-select">
          <input type="checkbox" aria-label="Select all shown records" checked={allSelected} onChange={() => setSelection(allSelected ? [] : rows.map((r) => r.id))} />
        </span>
        {columns.map((c) => (
          <span key={c.key} role="columnheader" aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={`cell-${c.key}`}>
            <button type="button" onClick={() => sortBy(c.key)}>
              {c.label}
              {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
            </button>
          </span>
        ))}
      </div>
      <div className="records-viewport" ref={viewport} style={{ height }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="records-viewport">
        <div style={{ height: rows.length * rowHeight, position: 'relative' }}>
          {rows.slice(first, last).map((row, offset) => {
            const index = first + offset;
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={selected.has(row.id)}
                data-row-index={index}
                data-record-name={row.name}
                tabIndex={index === active ? 0 : -1}
                className={`records-row${selected.has(row.id) ? ' selected' : ''}`}
                style={{ position: 'absolute', top: index * rowHeight, height: rowHeight, left: 0, right: 0 }}
                onKeyDown={(e) => onKeyDown(e, row, index)}
                onDoubleClick={() => onOpen(row.id)}
                onFocus={() => setActive(index)}
              >
                <span role="cell" className="cell-select">
                  <input type="checkbox" tabIndex={-1} aria-label={`Select ${row.name}`} checked={selected.has(row.id)} onChange={() => toggleSelected(row.id)} />
                </span>
                <span role="cell" className="cell-name">
                  <button type="button" tabIndex={-1} className="link" onClick={() => onOpen(row.id)}>
                    {row.name}
                  </button>
                </span>
                <span role="cell" className="cell-purpose">{row.purpose}</span>
                <span role="cell" className="cell-commonName">{row.commonName ?? '—'}</span>
                <span role="cell" className="cell-status">
                  <StatusBadge status={row.status} detail={row.statusDetail} />
                </span>
                <span role="cell" className="cell-notAfter" title={row.notAfter ?? undefined}>
                  {countdown(row.notAfter, now)}
                </span>
                <span role="cell" className="cell-profileName">{row.profileName ?? '—'}</span>
                <span role="cell" className="cell-serverName">{row.serverName ?? '—'}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
