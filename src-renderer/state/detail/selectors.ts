import type { AppState } from '../store';

export const selectOpenRecordId = (s: AppState) => s.openRecordId;
export const selectDetail = (s: AppState) => ({ detail: s.detail, certificateView: s.certificateView, error: s.detailError });
export const selectAction = (s: AppState) => s.action;
