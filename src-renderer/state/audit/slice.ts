import type { AuditEvent, AuditEventType, AuditObjectKind } from '../../../src-shared/domain';
import type { OutstandingRequest } from '../../../src-shared/ipc/index';
import { errorText, ipc } from '../client';
import type { SliceCreator } from '../slice';

export interface AuditFilter {
  text: string;
  type: AuditEventType | '';
  objectKind: AuditObjectKind | '';
  sinceDays: number;
}

export type StatisticsRow = { recordName: string | null; messageType: string; outcome: string; count: number; lastAt: string };

export interface AuditSlice {
  auditFilter: AuditFilter;
  auditEvents: AuditEvent[];
  auditTruncated: boolean;
  statistics: StatisticsRow[];
  outstanding: OutstandingRequest[];
  auditError?: string;
  setAuditFilter(patch: Partial<AuditFilter>): void;
  loadActivity(): Promise<void>;
}

export const createAuditSlice: SliceCreator<AuditSlice> = (set, get) => ({
  auditFilter: { text: '', type: '', objectKind: '', sinceDays: 30 },
  auditEvents: [],
  auditTruncated: false,
  statistics: [],
  outstanding: [],
  setAuditFilter(patch) {
    set((s) => ({ auditFilter: { ...s.auditFilter, ...patch } }));
    void get().loadActivity();
  },
  async loadActivity() {
    const f = get().auditFilter;
    try {
      const [audit, stats, outstanding] = await Promise.all([
        ipc().invoke('activity.audit', {
          limit: 500,
          text: f.text || undefined,
          types: f.type ? [f.type] : undefined,
          objectKinds: f.objectKind ? [f.objectKind] : undefined,
          since: new Date(Date.now() - f.sinceDays * 86_400_000).toISOString(),
        }),
        ipc().invoke('activity.statistics', {}),
        ipc().invoke('activity.outstanding', {}),
      ]);
      set({ auditEvents: audit.events, auditTruncated: audit.truncated, statistics: stats.counters, outstanding: outstanding.requests, auditError: undefined });
    } catch (error) {
      set({ auditError: errorText(error) });
    }
  },
});
