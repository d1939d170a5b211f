import { describe, expect, it } from 'vitest';
import { LabCaConfigError } from '../../../src-main/labca/errors';
import { parseValidity } from '../../../src-main/labca/validity';

describe('parseValidity', () => {
  it('reads days, hours, minutes and seconds', () => {
    expect(parseValidity('90d')).toBe(90 * 86400);
    expect(parseValidity('12h')).toBe(12 * 3600);
    expect(parseValidity('15m')).toBe(900);
    expect(parseValidity('30s')).toBe(30);
  });

  it('refuses zero, negative and unit-less values', () => {
    for (const text of ['0d', '-1d', '90', 'd', '1w']) expect(() => parseValidity(text)).toThrow(LabCaConfigError);
  });
});
