import type { AppState } from '../store';

export const selectNotices = (s: AppState) => s.notices;
export const selectBackgroundPreferences = (s: AppState) => ({ preferences: s.backgroundPreferences, error: s.backgroundPreferencesError });
