import { maxTimelineLanes, type Timeline } from '../../../src-shared/ipc/index';
import { errorText, ipc } from '../client';
import type { SliceCreator } from '../slice';

export type Zoom = 'day' | 'week' | 'month' | 'year';

export const zoomSpanMs: Record<Zoom, number> = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 31 * 86_400_000,
  year: 365 * 86_400_000,
};

export interface TimelineSlice {
  timeline?: Timeline;
  timelineError?: string;
  /** The record ids the timeline was asked for, in lane order. */
  timelineIds: string[];
  zoom: Zoom;
  /** Centre of the visible range relative to now; panning moves it. */
  panMs: number;
  loadTimeline(recordIds: string[]): Promise<void>;
  setZoom(zoom: Zoom): void;
  panBy(ms: number): void;
  panToNow(): void;
}

export const createTimelineSlice: SliceCreator<TimelineSlice> = (set, get) => ({
  timelineIds: [],
  zoom: 'month',
  panMs: 0,
  async loadTimeline(recordIds) {
    const ids = recordIds.slice(0, maxTimelineLanes);
    set({ timelineIds: ids });
    try {
      const timeline = await ipc().invoke('timeline.get', { recordIds: ids });
      if (get().timelineIds === ids) set({ timeline, timelineError: undefined });
    } catch (error) {
      set({ timelineError: errorText(error) });
    }
  },
  setZoom: (zoom) => set({ zoom }),
  panBy: (ms) => set((s) => ({ panMs: s.panMs + ms })),
  panToNow: () => set({ panMs: 0 }),
});
