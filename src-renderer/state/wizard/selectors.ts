import type { AppState } from '../store';

export const selectWizardOpen = (s: AppState) => s.wizardOpen;
export const selectDraft = (s: AppState) => s.draft;
export const selectStepProblems = (s: AppState) => s.stepProblems;
export const selectWizardStatus = (s: AppState) => ({
  error: s.wizardError,
  labBusy: s.labBusy,
  labSetup: s.labSetup,
  secretStrength: s.secretStrength,
  connectionTest: s.connectionTest,
  finishing: s.finishing,
  finishMessage: s.finishMessage,
  secureCertificateMode: s.secureCertificateMode,
});


