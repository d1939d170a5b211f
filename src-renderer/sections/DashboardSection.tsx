import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { maxTimelineLanes } from '../../src-shared/ipc/index';
import { RecordsTable } from '../features/records/RecordsTable';
import { RecordsToolbar } from '../features/records/RecordsToolbar';
import { SummaryStrip } from '../features/records/SummaryStrip';
import { expiriesCsv, saveText } from '../features/records/expiry_files';
import { TimelineView } from '../features/timeline/TimelineView';
import { useAppStore } from '../state/store';
import { selectRecordsState, selectVisibleRecords } from '../state/records/selectors';
import { EmptyState } from './EmptyState';

/** Opens a record's certificate detail (in the Certificates section). */
export function openCertificate(id: string): void {
  const s = useAppStore.getState();
  s.showSection('certificates');
  void s.openRecord(id);
}

export function exportSelectedCsv(ids: string[]): void {
  const wanted = new Set(ids);
  saveText('cmp-desk-expiries.csv', 'text/csv', expiriesCsv(useAppStore.getState().records.filter((r) => wanted.has(r.id))));
}

/** Keeps the timeline's lanes in step with the filtered list (the first lanes of it). */
export function useTimelineOfVisible(): { shown: number; total: number } {
  const visible = useAppStore(selectVisibleRecords);
  const loadTimeline = useAppStore((s) => s.loadTimeline);
  const key = visible.slice(0, maxTimelineLanes).map((r) => r.id).join(',');
  useEffect(() => {
    void loadTimeline(key === '' ? [] : key.split(','));
  }, [key, loadTimeline]);
  return { shown: Math.min(visible.length, maxTimelineLanes), total: visible.length };
}

/** Summary strip, live timelines and the records table. */
export function DashboardSection() {
  const { loaded, error, total } = useAppStore(useShallow(selectRecordsState));
  const startWizard = useAppStore((s) => s.startWizard);
  const runVerifyConfig = useAppStore((s) => s.runVerifyConfig);
  const lanes = useTimelineOfVisible();
  useEffect(() => {
    void runVerifyConfig();
  }, [runVerifyConfig, total]);
  // A failed reload keeps the list on screen (with the problem above it): replacing the whole
  // dashboard would pull the table and its buttons away from under the admin's pointer.
  if (error && total === 0) return <p className="problem" role="alert">The records could not be loaded: {error}</p>;
  if (loaded && total === 0) {
    return (
      <EmptyState title="No certificates to watch yet">
        Run the onboarding wizard to trust your CA, describe the CMP server and enroll a first certificate.{' '}
        <button type="button" className="primary" onClick={startWizard}>Start the onboarding wizard</button>
      </EmptyState>
    );
  }
  return (
    <div className="dashboard">
      {error && <p className="problem" role="alert">The records could not be reloaded: {error}</p>}
      <SummaryStrip onOpen={openCertificate} />
      <RecordsToolbar onExport={exportSelectedCsv} />
      <TimelineView onOpen={openCertificate} shownCount={lanes.shown} totalCount={lanes.total} />
      <RecordsTable onOpen={openCertificate} height={360} />
    </div>
  );
}
