import type { AppState } from '../store';

export const selectAuditFilter = (s: AppState) => s.auditFilter;
export const selectAudit = (s: AppState) => ({ events: s.auditEvents, truncated: s.auditTruncated, error: s.auditError });
export const selectStatistics = (s: AppState) => s.statistics;
export const selectOutstanding = (s: AppState) => s.outstanding;
