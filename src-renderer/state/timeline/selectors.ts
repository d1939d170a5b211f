import type { AppState } from '../store';

export const selectTimeline = (s: AppState) => ({ timeline: s.timeline, error: s.timelineError, zoom: s.zoom, panMs: s.panMs });
export const selectTimelineIds = (s: AppState) => s.timelineIds;
