import type { AppState } from './store';

export const selectSection = (s: AppState) => s.section;
export const selectTheme = (s: AppState) => s.theme;
export const selectActivity = (s: AppState) => s.activity;
export const selectInfo = (s: AppState) => s.info;
export const selectStatusBar = (s: AppState) => ({ connection: s.connection, health: s.health, problem: s.problem, version: s.info?.version, host: s.info?.host });
