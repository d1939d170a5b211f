import { LabCaConfigError } from './errors';

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Default validity of certificates the lab CA issues (issue 4: 90 days). */
export const defaultValiditySeconds = 90 * 86400;

/**
 * Parses a validity such as "90d", "12h", "15m" or "30s" (tests use minutes) into seconds.
 * `setting` names the option in the error.
 */
export function parseValidity(text: string, setting = 'validity'): number {
  const match = /^([1-9][0-9]{0,8})([smhd])$/.exec(text.trim());
  if (!match) throw new LabCaConfigError(setting, 'a positive duration such as 90d, 12h, 15m or 30s', JSON.stringify(text));
  return Number(match[1]) * unitSeconds[match[2]];
}
