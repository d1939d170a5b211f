import { create } from 'zustand';
import type { AppHealth, AppInfo, LogEntry } from '../../src-shared/ipc/index';
import type { ConnectionState } from '../ipc/websocket_transport';
import { createAdminSlice, type AdminSlice } from './admin/slice';
import { createAuditSlice, type AuditSlice } from './audit/slice';
import { createDetailSlice, type DetailSlice } from './detail/slice';
import { createNotificationsSlice, type NotificationsSlice } from './notifications/slice';
import { createRecordsSlice, type RecordsSlice } from './records/slice';
import { createTimelineSlice, type TimelineSlice } from './timeline/slice';
import { createWizardSlice, type WizardSlice } from './wizard/slice';

/** The sections of the app frame, in navigation order. */
export const sections = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'certificates', label: 'Certificates' },
  { id: 'servers', label: 'Servers & profiles' },
  { id: 'trust', label: 'Trust' },
  { id: 'activity', label: 'Activity' },
  { id: 'settings', label: 'Settings' },
] as const;
export type SectionId = (typeof sections)[number]['id'];

export type ThemePreference = 'light' | 'dark' | 'system';

/** How many log lines the Activity view keeps; the full log is in the logs folder. */
export const activityLimit = 500;

export interface ShellSlice {
  section: SectionId;
  /** The admin picked a section in this window; from then on the first-run wizard does not take the screen by itself. */
  sectionChosen: boolean;
  theme: ThemePreference;
  showSection(section: SectionId): void;
  setTheme(theme: ThemePreference): void;
}

export interface StatusSlice {
  connection: ConnectionState;
  info?: AppInfo;
  health?: AppHealth;
  /** The last problem talking to main, shown in the status bar until the next success. */
  problem?: string;
}

export interface ActivitySlice {
  activity: LogEntry[];
}

export type AppState = ShellSlice & StatusSlice & ActivitySlice & RecordsSlice & DetailSlice & TimelineSlice & WizardSlice & AdminSlice & AuditSlice & NotificationsSlice;

const themeKey = 'cmp-desk.theme';

function storedTheme(): ThemePreference {
  try {
    const value = globalThis.localStorage?.getItem(themeKey);
    return value === 'light' || value === 'dark' || value === 'system' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** One store; main is the source of truth for everything but the shell's own choices. */
export const useAppStore = create<AppState>()((set, get) => ({
  ...createRecordsSlice(set, get),
  ...createDetailSlice(set, get),
  ...createTimelineSlice(set, get),
  ...createWizardSlice(set, get),
  ...createAdminSlice(set, get),
  ...createAuditSlice(set, get),
  ...createNotificationsSlice(set, get),
  section: 'dashboard',
  sectionChosen: false,
  theme: storedTheme(),
  connection: 'connecting',
  activity: [],
  showSection: (section) => set({ section, sectionChosen: true, wizardOpen: false }),
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem(themeKey, theme);
    } catch {
      // Storage can be disabled; the choice then lasts for this window only.
    }
    set({ theme });
  },
}));

/** The state right after startup, for tests that reset the store. */
export const initialAppState = useAppStore.getState();
