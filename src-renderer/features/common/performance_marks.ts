/**
 * Named points in the renderer's life, as User Timing marks: the scale bench and the e2e suite read
 * them from Chromium (performance.getEntriesByName). A mark costs microseconds, so they stay in
 * production builds too, where the browser's performance panel shows them.
 */
export const marks = {
  /** The records list arrived from main and is in the store. */
  recordsLoaded: 'cmp-desk:records-loaded',
  /** The records table rendered its first rows. */
  recordsTableRendered: 'cmp-desk:records-table-rendered',
  /** The timeline rendered lanes for the first time. */
  timelineRendered: 'cmp-desk:timeline-rendered',
} as const;

/** Sets a mark once per page load (later renders of the same thing are not "first" any more). */
export function markOnce(name: string): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'mark').length > 0) return;
  performance.mark(name);
}

export function mark(name: string): void {
  if (typeof performance !== 'undefined') performance.mark(name);
}
