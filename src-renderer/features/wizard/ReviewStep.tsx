import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store';
import { selectWizardStatus } from '../../state/wizard/selectors';
import { selectProgressFor } from '../../state/records/selectors';
import { useDraftSection } from './use_draft';

/** How long the finished transaction stays on screen before the app opens the new certificate. */
const landingDelayMs = 1500;

/** Step 7: what will be created, then the live transaction, then the new certificate. */
export function ReviewStep() {
  const { draft } = useDraftSection('record');
  const status = useAppStore(useShallow(selectWizardStatus));
  const finishWizard = useAppStore((s) => s.finishWizard);
  const progress = useAppStore(selectProgressFor(draft.recordId));
  const issued = useAppStore((s) => s.records.find((r) => r.id === draft.recordId && r.serialNumber !== null));

  useEffect(() => {
    if (!draft.finished || !issued) return;
    const timer = setTimeout(() => {
      const s = useAppStore.getState();
      s.closeWizard();
      s.showSection('certificates');
      void s.openRecord(draft.recordId);
    }, landingDelayMs);
    return () => clearTimeout(timer);
  }, [draft.finished, draft.recordId, issued]);

  return (
    <>
      <dl className="facts">
        <dt>Root CA</dt>
        <dd>{draft.trust.fileName || 'imported'}</dd>
        <dt>CMP server</dt>
        <dd>
          {draft.server.name} — <code>{draft.server.url}</code>
          {draft.server.extraServers.length > 0 && ` and ${draft.server.extraServers.length} more`}
        </dd>
        <dt>Authentication</dt>
        <dd>Shared secret, reference “{draft.key.reference}” (secret in the OS keychain)</dd>
        <dt>CMP profile</dt>
        <dd>
          {draft.profile.name}: renew {draft.profile.renewBeforeExpiryDays} days before expiry, KUR window {draft.profile.kurWindowStart}–{draft.profile.kurWindowEnd}, {draft.profile.keyAlgorithm}, {draft.profile.digest}
        </dd>
        <dt>Certificate record</dt>
        <dd>
          {draft.record.name} ({draft.record.purpose}), CN={draft.record.commonName || '—'}
        </dd>
      </dl>
      {!draft.finished && (
        <button type="button" className="primary" disabled={status.finishing} onClick={() => void finishWizard()} data-testid="wizard-enroll">
          {status.finishing ? 'Creating…' : 'Create and enroll'}
        </button>
      )}
      {status.finishMessage && <p>{status.finishMessage}</p>}
      <section aria-label="Transaction progress" aria-live="polite" className="progress-log" data-testid="wizard-progress">
        {(progress ?? []).map((step) => (
          <div key={`${step.at}-${step.step}`} className={`progress-step step-${step.step}`}>
            <time dateTime={step.at}>{new Date(step.at).toLocaleTimeString()}</time> {step.message}
          </div>
        ))}
        {draft.finished && issued && <p className="ok-text">Issued certificate {issued.serialNumber}. Opening it…</p>}
      </section>
    </>
  );
}
