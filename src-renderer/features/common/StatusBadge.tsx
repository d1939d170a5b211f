import type { RecordStatus } from '../../../src-shared/ipc/index';
import { statusLabels } from '../../state/records/selectors';

/** A distinct shape per status, so the status reads without colour vision (and in print). */
const shapes: Record<RecordStatus, string> = {
  valid: '●',
  'renewal-due': '◆',
  'waiting-for-window': '◷',
  'in-progress': '▶',
  polling: '↻',
  failed: '✖',
  expired: '■',
  manual: '○',
};

export function StatusBadge({ status, detail }: { status: RecordStatus; detail?: string }) {
  return (
    <span className={`status-badge status-${status}`} title={detail}>
      <span aria-hidden="true" className="status-shape">
        {shapes[status]}
      </span>
      {statusLabels[status]}
    </span>
  );
}
