import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../../src-renderer/state/store';
import { useInProcessApp } from './in_process_app';

// An empty data folder: no certificate records, so main answers "not configured" (first run).
useInProcessApp('cmp-desk-first-run-');

describe('the first-run wizard', () => {
  it('opens by itself while the admin has not chosen a section', async () => {
    await useAppStore.getState().loadWizard();
    expect(useAppStore.getState()).toMatchObject({ section: 'dashboard', wizardOpen: true });
    expect(useAppStore.getState().draft?.step).toBe(1);
  });

  it('does not replace a section the admin chose while main was still answering', async () => {
    const answered = useAppStore.getState().loadWizard();
    useAppStore.getState().showSection('servers');
    await answered;
    expect(useAppStore.getState()).toMatchObject({ section: 'servers', sectionChosen: true, wizardOpen: false });
  });
});
