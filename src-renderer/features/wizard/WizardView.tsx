import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store';
import { wizardSteps } from '../../state/wizard/draft';
import { selectDraft, selectStepProblems, selectWizardStatus } from '../../state/wizard/selectors';
import { KeyStep, ServerStep, TlsStep, TrustStep } from './StepsConnection';
import { ProfileStep, RecordStep } from './StepsRecord';
import { ReviewStep } from './ReviewStep';

const stepViews = [TrustStep, ServerStep, TlsStep, KeyStep, ProfileStep, RecordStep, ReviewStep];

/** The onboarding wizard: seven validated steps, resumable, re-runnable from Settings. */
export function WizardView() {
  const draft = useAppStore(selectDraft);
  const problems = useAppStore(selectStepProblems);
  const status = useAppStore(useShallow(selectWizardStatus));
  const { nextStep, previousStep, goToStep, closeWizard, startLab } = useAppStore(useShallow((s) => ({ nextStep: s.nextStep, previousStep: s.previousStep, goToStep: s.goToStep, closeWizard: s.closeWizard, startLab: s.useLabCa })));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step = draft?.step ?? 1;
  // Focus follows the step so keyboard and screen reader users start at its heading.
  useEffect(() => headingRef.current?.focus(), [step]);
  if (!draft) return null;
  const View = stepViews[step - 1];
  return (
    <div className="wizard" data-testid="wizard">
      <ol className="stepper" aria-label="Onboarding steps">
        {wizardSteps.map((label, index) => (
          <li key={label} aria-current={index + 1 === step ? 'step' : undefined} className={index + 1 < step ? 'done' : ''}>
            <button type="button" disabled={index + 1 >= step || draft.finished} onClick={() => goToStep(index + 1)}>
              <span className="step-number">{index + 1}</span> {label}
            </button>
          </li>
        ))}
      </ol>
      <section className="wizard-step" aria-labelledby="wizard-step-title">
        <h2 id="wizard-step-title" tabIndex={-1} ref={headingRef}>
          Step {step} of 7: {wizardSteps[step - 1]}
        </h2>
        {step <= 5 && !draft.finished && (
          <div className="lab-offer">
            <button type="button" onClick={() => void startLab()} disabled={status.labBusy} data-testid="use-lab-ca">
              {status.labBusy ? 'Starting the lab CA…' : 'Try with the built-in lab CA'}
            </button>
            <span className="muted">Fills steps 1–5 with a CA running inside cmp-desk on this computer, so you see a real certificate within a minute.</span>
          </div>
        )}
        {status.labSetup && step >= 6 && draft.path === 'lab' && (
          <p className="notice">
            Steps 1–5 use the built-in lab CA at <code>{status.labSetup.cmpUrl}</code> (root fingerprint <code>{status.labSetup.rootFingerprintSha256}</code>). Go Back to see or change them.
          </p>
        )}
        <View />
        {status.error && (
          <p className="problem" role="alert" data-testid="wizard-error">
            {status.error}
          </p>
        )}
        {problems.length > 0 && (
          <div className="problem-summary" role="alert" data-testid="step-problems">
            <strong>Fix these before going on:</strong>
            <ul>
              {problems.map((p) => (
                <li key={`${p.field}-${p.message}`}>
                  {p.field}: {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <div className="wizard-buttons">
        <button type="button" onClick={previousStep} disabled={step === 1 || draft.finished}>
          Back
        </button>
        {step < 7 && (
          <button type="button" className="primary" onClick={nextStep} data-testid="wizard-next">
            Next
          </button>
        )}
        <span className="status-spacer" />
        <button type="button" onClick={closeWizard}>
          {draft.finished ? 'Close' : 'Continue later'}
        </button>
      </div>
    </div>
  );
}
