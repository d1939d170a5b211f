import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DesktopPreferencesFile, desktopPreferencesFileName } from '../../../src-main/app/notifications/desktop_preferences';

const dir = mkdtempSync(join(tmpdir(), 'cmp-desk-prefs-'));
afterEach(() => rmSync(join(dir, desktopPreferencesFileName), { force: true }));

describe('desktop preferences', () => {
  it('starts with every notification on and launch at login off, and persists changes', () => {
    const prefs = DesktopPreferencesFile.inDataFolder(dir);
    expect(prefs.get()).toEqual({ notifications: { 'expiry-warnings': true, failures: true, renewals: true }, launchAtLogin: false, trayNoticeShown: false });
    prefs.update({ launchAtLogin: true, notifications: { 'expiry-warnings': true, failures: true, renewals: false } });
    expect(JSON.parse(readFileSync(join(dir, desktopPreferencesFileName), 'utf8'))).toMatchObject({ launchAtLogin: true });
    expect(DesktopPreferencesFile.inDataFolder(dir).notifications().renewals).toBe(false);
  });

  it('falls back to the defaults for a damaged file and refuses invalid updates', () => {
    writeFileSync(join(dir, desktopPreferencesFileName), '{not json');
    const prefs = DesktopPreferencesFile.inDataFolder(dir);
    expect(prefs.get().launchAtLogin).toBe(false);
    expect(() => prefs.update({ launchAtLogin: 'yes' as unknown as boolean })).toThrow();
  });
});
