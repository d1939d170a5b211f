import {
  wizardStepProblems,
  type ConnectionTestResult,
  type LabCaSetup,
  type TypedSecret,
  type WizardDraft,
  type WizardProblem,
} from '../../../src-shared/ipc/index';
import { errorText, ipc } from '../client';
import type { SliceCreator } from '../slice';
import { newDraft } from './draft';

/** Saving waits for typing to pause. */
const saveDelayMs = 300;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

export interface WizardSlice {
  wizardOpen: boolean;
  draft?: WizardDraft;
  secureCertificateMode: boolean;
  /** Problems of the current step, shown at their fields after a Next that was refused. */
  stepProblems: WizardProblem[];
  wizardError?: string;
  labBusy: boolean;
  labSetup?: LabCaSetup;
  secretStrength?: string;
  connectionTest?: ConnectionTestResult | { running: true };
  finishing: boolean;
  finishMessage?: string;
  loadWizard(): Promise<void>;
  startWizard(): void;
  closeWizard(): void;
  updateDraft(change: (draft: WizardDraft) => WizardDraft): void;
  nextStep(): void;
  previousStep(): void;
  goToStep(step: number): void;
  useLabCa(): Promise<void>;
  storeSecret(secret: TypedSecret): Promise<void>;
  testConnection(secret: TypedSecret | undefined): Promise<void>;
  finishWizard(): Promise<void>;
}

export const createWizardSlice: SliceCreator<WizardSlice> = (set, get) => {
  const save = (draft: WizardDraft) => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      ipc()
        .invoke('wizard.save', { draft })
        .catch((error: unknown) => set({ wizardError: `The wizard could not be saved for resuming: ${errorText(error)}` }));
    }, saveDelayMs);
  };
  const replace = (draft: WizardDraft) => {
    set({ draft });
    save(draft);
  };
  return {
    wizardOpen: false,
    secureCertificateMode: false,
    stepProblems: [],
    labBusy: false,
    finishing: false,
    async loadWizard() {
      try {
        const { draft, configured, secureCertificateMode } = await ipc().invoke('wizard.get', {});
        set({ secureCertificateMode });
        // The answer can come after the admin already chose a section (the connection opens after
        // the page shows); replacing that section under their pointer would swallow the click.
        if (get().sectionChosen) return;
        // First run opens the wizard; an unfinished one resumes where it stopped.
        if (draft && !draft.finished) set({ draft, wizardOpen: true });
        else if (!configured) {
          const fresh = newDraft();
          set({ draft: fresh, wizardOpen: true });
        }
      } catch (error) {
        set({ wizardError: errorText(error) });
      }
    },
    startWizard() {
      const fresh = newDraft();
      set({ draft: fresh, wizardOpen: true, stepProblems: [], labSetup: undefined, connectionTest: undefined, finishMessage: undefined, secretStrength: undefined, wizardError: undefined });
      save(fresh);
    },
    closeWizard: () => set({ wizardOpen: false }),
    updateDraft(change) {
      const draft = get().draft;
      if (!draft) return;
      const next = change(draft);
      replace(next);
      // Problems go away as soon as the field is fixed.
      if (get().stepProblems.length > 0) set({ stepProblems: wizardStepProblems(next, next.step, { secureCertificateMode: get().secureCertificateMode }) });
    },
    nextStep() {
      const draft = get().draft;
      if (!draft) return;
      const problems = wizardStepProblems(draft, draft.step, { secureCertificateMode: get().secureCertificateMode });
      set({ stepProblems: problems });
      if (problems.length === 0 && draft.step < 7) replace({ ...draft, step: draft.step + 1 });
    },
    previousStep() {
      const draft = get().draft;
      if (draft && draft.step > 1) {
        set({ stepProblems: [] });
        replace({ ...draft, step: draft.step - 1 });
      }
    },
    goToStep(step) {
      const draft = get().draft;
      if (draft && step < draft.step) {
        set({ stepProblems: [] });
        replace({ ...draft, step });
      }
    },
    async useLabCa() {
      const draft = get().draft;
      if (!draft) return;
      set({ labBusy: true, wizardError: undefined });
      try {
        const lab = await ipc().invoke('lab.useBuiltInCa', { cmpProfileId: draft.cmpProfileId });
        const current = get().draft ?? draft;
        replace({
          ...current,
          path: 'lab',
          step: 6,
          trust: { rootPem: lab.rootCaPem, fileName: 'Built-in lab CA root', fingerprintConfirmed: true },
          server: { ...current.server, name: 'Built-in lab CA', url: lab.cmpUrl, responseCa: 'root', expectedSender: lab.expectedSender, extraServers: [] },
          tls: { ...current.tls, trustedCa: 'root' },
          key: { reference: lab.reference, encoding: 'text', secretStored: true },
          profile: { ...current.profile, name: 'Lab CA profile', renewBeforeExpiryDays: '30' },
          record: {
            ...current.record,
            name: current.record.name || 'lab-device',
            commonName: current.record.commonName || 'lab-device.example.net',
            organization: current.record.organization || 'cmp-desk lab',
            subjectAltNames: current.record.subjectAltNames || 'dns:lab-device.example.net',
          },
        });
        set({ labSetup: lab, labBusy: false, stepProblems: [] });
      } catch (error) {
        set({ labBusy: false, wizardError: `The built-in lab CA did not start: ${errorText(error)}` });
      }
    },
    async storeSecret(secret) {
      const draft = get().draft;
      if (!draft) return;
      set({ wizardError: undefined });
      try {
        const { strength } = await ipc().invoke('wizard.storeSecret', { cmpProfileId: draft.cmpProfileId, secret });
        get().updateDraft((d) => ({ ...d, key: { ...d.key, encoding: secret.encoding, secretStored: true } }));
        set({ secretStrength: strength });
      } catch (error) {
        set({ wizardError: errorText(error) });
      }
    },
    async testConnection(secret) {
      const draft = get().draft;
      if (!draft) return;
      set({ connectionTest: { running: true } });
      const rootPem = draft.trust.rootPem;
      try {
        const result = await ipc().invoke('connection.test', {
          url: draft.server.url.trim(),
          responseCaPem: [draft.server.responseCa === 'root' ? rootPem : draft.server.responseCaPem].filter((p) => p.trim() !== ''),
          expectedSender: draft.server.expectedSender.trim() || null,
          messageTimeoutSeconds: Number(draft.server.messageTimeoutSeconds) || 30,
          tls: { trustedCaPem: [draft.tls.trustedCa === 'root' ? rootPem : draft.tls.trustedCaPem].filter((p) => p.trim() !== ''), minimumTlsVersion: draft.tls.minimumTlsVersion, verifyHostName: draft.tls.verifyHostName },
          reference: draft.key.reference.trim() || '-',
          secret: secret ? { typed: secret } : { storedFor: draft.cmpProfileId },
        });
        set({ connectionTest: result });
      } catch (error) {
        set({ connectionTest: { ok: false, stage: 'input', message: errorText(error), advice: 'Correct the settings and test again.', detail: null, elapsedMs: 0 } });
      }
    },
    async finishWizard() {
      const draft = get().draft;
      if (!draft) return;
      set({ finishing: true, wizardError: undefined });
      try {
        clearTimeout(saveTimer);
        const { message } = await ipc().invoke('wizard.finish', { draft });
        set({ draft: { ...draft, finished: true }, finishMessage: message, finishing: false });
        await get().loadRecords();
      } catch (error) {
        set({ finishing: false, wizardError: errorText(error) });
      }
    },
  };
};
