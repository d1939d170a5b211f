import { useAppStore } from '../../state/store';
import { selectDraft, selectStepProblems } from '../../state/wizard/selectors';
import type { WizardDraft } from '../../../src-shared/ipc/index';

/** The draft and a setter for one of its sections, as every step uses them. */
export function useDraftSection<K extends 'trust' | 'server' | 'tls' | 'key' | 'profile' | 'record'>(key: K) {
  const draft = useAppStore(selectDraft) as WizardDraft;
  const updateDraft = useAppStore((s) => s.updateDraft);
  const change = (patch: Partial<WizardDraft[K]>) => updateDraft((d) => ({ ...d, [key]: { ...d[key], ...patch } }));
  return { draft, section: draft[key], change };
}

/** A lookup of the problems the last Next found, by draft field. */
export function useProblems(): (field: string) => string | undefined {
  const problems = useAppStore(selectStepProblems);
  return (field) => problems.find((p) => p.field === field || p.field.startsWith(`${field}.`))?.message;
}
