import { describe, expect, it } from 'vitest';
import { isInsideKurWindow, kurWindowClosing, nextKurWindowOpening } from '../../../src-main/lifecycle/kur_window';

const at = (h: number, m: number, d = 10) => new Date(2026, 0, d, h, m);

describe('KUR window', () => {
  it('is open between start and the end minute of a same-day window', () => {
    const w = { start: '02:00', end: '04:00' };
    expect(isInsideKurWindow(at(1, 59), w)).toBe(false);
    expect(isInsideKurWindow(at(2, 0), w)).toBe(true);
    expect(isInsideKurWindow(at(4, 0), w)).toBe(true);
    expect(isInsideKurWindow(at(4, 1), w)).toBe(false);
  });

  it('spans midnight when the end is before the start', () => {
    const w = { start: '22:00', end: '03:30' };
    expect(isInsideKurWindow(at(23, 0), w)).toBe(true);
    expect(isInsideKurWindow(at(0, 10), w)).toBe(true);
    expect(isInsideKurWindow(at(3, 31), w)).toBe(false);
    expect(isInsideKurWindow(at(12, 0), w)).toBe(false);
  });

  it('treats the default 00:00-23:59 as the whole day', () => {
    const w = { start: '00:00', end: '23:59' };
    expect(isInsideKurWindow(at(23, 59), w)).toBe(true);
    expect(isInsideKurWindow(at(0, 0), w)).toBe(true);
  });

  it('finds the next opening today or tomorrow, and the closing', () => {
    const w = { start: '22:00', end: '03:30' };
    expect(nextKurWindowOpening(at(12, 0), w)).toEqual(at(22, 0));
    expect(nextKurWindowOpening(at(23, 0), w)).toEqual(at(23, 0));
    const sameDay = { start: '02:00', end: '04:00' };
    expect(nextKurWindowOpening(at(5, 0), sameDay)).toEqual(at(2, 0, 11));
    expect(kurWindowClosing(at(23, 0), w)).toEqual(at(3, 31, 11));
    expect(kurWindowClosing(at(2, 30), sameDay)).toEqual(at(4, 1));
  });
});
