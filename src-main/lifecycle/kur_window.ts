import type { GlobalConfig } from '../../src-shared/domain';

/**
 * The daily KUR window of GlobalConfig, in local time of day (reference/000: kur-start-time-of-day,
 * kur-end-time-of-day). The end minute belongs to the window, so the default 00:00–23:59 is the
 * whole day; a window whose end is before its start spans midnight (22:00–04:00).
 */
export interface KurWindow {
  start: string;
  end: string;
}

export function kurWindowOf(config: Pick<GlobalConfig, 'kurWindowStart' | 'kurWindowEnd'>): KurWindow {
  return { start: config.kurWindowStart, end: config.kurWindowEnd };
}

function minuteOfDay(timeOfDay: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(timeOfDay);
  if (!match) throw new RangeError(`KUR window time "${timeOfDay}" is not a time of day HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isInsideKurWindow(at: Date, window: KurWindow): boolean {
  const minute = at.getHours() * 60 + at.getMinutes();
  const start = minuteOfDay(window.start);
  const end = minuteOfDay(window.end);
  return start <= end ? minute >= start && minute <= end : minute >= start || minute <= end;
}

/** `at` itself when the window is open, otherwise the moment it opens next. */
export function nextKurWindowOpening(at: Date, window: KurWindow): Date {
  if (isInsideKurWindow(at, window)) return at;
  const start = minuteOfDay(window.start);
  const today = new Date(at.getFullYear(), at.getMonth(), at.getDate(), Math.floor(start / 60), start % 60);
  if (today.getTime() > at.getTime()) return today;
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1, Math.floor(start / 60), start % 60);
}

/** When the window that is open at `at` closes (the first minute after its end); `at` when it is closed. */
export function kurWindowClosing(at: Date, window: KurWindow): Date {
  if (!isInsideKurWindow(at, window)) return at;
  const end = minuteOfDay(window.end) + 1;
  const sameDay = new Date(at.getFullYear(), at.getMonth(), at.getDate(), Math.floor(end / 60), end % 60);
  if (sameDay.getTime() > at.getTime()) return sameDay;
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1, Math.floor(end / 60), end % 60);
}
