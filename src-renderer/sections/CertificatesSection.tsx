import { CertificateDetail } from '../features/detail/CertificateDetail';
import { RecordsTable } from '../features/records/RecordsTable';
import { RecordsToolbar } from '../features/records/RecordsToolbar';
import { TimelineView } from '../features/timeline/TimelineView';
import { useAppStore } from '../state/store';
import { selectOpenRecordId } from '../state/detail/selectors';
import { exportSelectedCsv, useTimelineOfVisible } from './DashboardSection';

/** The records list; a chosen record opens its certificate detail with its timeline lane. */
export function CertificatesSection() {
  const openRecordId = useAppStore(selectOpenRecordId);
  const openRecord = useAppStore((s) => s.openRecord);
  const lanes = useTimelineOfVisible();
  return (
    <div className={openRecordId ? 'split' : ''}>
      <div>
        <RecordsToolbar onExport={exportSelectedCsv} />
        <RecordsTable onOpen={(id) => void openRecord(id)} height={openRecordId ? 300 : 560} />
      </div>
      {openRecordId && (
        <div>
          <CertificateDetail onClose={() => void openRecord(undefined)} />
          <TimelineView onOpen={(id) => void openRecord(id)} shownCount={lanes.shown} totalCount={lanes.total} />
        </div>
      )}
    </div>
  );
}
