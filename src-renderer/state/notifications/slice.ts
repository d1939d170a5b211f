import type { BackgroundPreferences, BackgroundPreferencesChange, DesktopNotification } from '../../../src-shared/ipc/index';
import { errorText, ipc } from '../client';
import type { SliceCreator } from '../slice';

/** One notification on screen until the administrator dismisses it. */
export interface Notice {
  id: number;
  notification: DesktopNotification;
}

/** The notification area keeps the newest few; older ones are in Activity (the audit log). */
export const noticeLimit = 4;

export interface NotificationsSlice {
  notices: Notice[];
  backgroundPreferences?: BackgroundPreferences;
  backgroundPreferencesError?: string;
  showNotice(notification: DesktopNotification): void;
  dismissNotice(id: number): void;
  loadBackgroundPreferences(): Promise<void>;
  /** Applies one switch; a refusal (e.g. launch at login in the web host) is shown beside the switches. */
  changeBackgroundPreferences(change: BackgroundPreferencesChange): Promise<void>;
}

export const createNotificationsSlice: SliceCreator<NotificationsSlice> = (set) => {
  let nextId = 1;
  return {
    notices: [],
    showNotice(notification) {
      const notice = { id: nextId++, notification };
      set((s) => ({ notices: [...s.notices.slice(-(noticeLimit - 1)), notice] }));
    },
    dismissNotice(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
    async loadBackgroundPreferences() {
      try {
        set({ backgroundPreferences: await ipc().invoke('background.preferences.get', {}), backgroundPreferencesError: undefined });
      } catch (error) {
        set({ backgroundPreferencesError: errorText(error) });
      }
    },
    async changeBackgroundPreferences(change) {
      try {
        set({ backgroundPreferences: await ipc().invoke('background.preferences.set', change), backgroundPreferencesError: undefined });
      } catch (error) {
        set({ backgroundPreferencesError: errorText(error) });
      }
    },
  };
};
