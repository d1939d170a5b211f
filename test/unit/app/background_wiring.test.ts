import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createInProcessTransport, createIpcClient, IpcError, type DesktopNotification, type IpcClient } from '../../../src-shared/ipc/index';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';
import { launchAtLoginElsewhere } from '../../../src-main/app/handlers/background_preferences';
import { saveFailingRecord } from './failing_record';

const root = mkdtempSync(join(tmpdir(), 'cmp-desk-background-wiring-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folder = 0;
let app: ComposedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function webHost(): { app: ComposedApp; client: IpcClient } {
  app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: join(root, `data-${folder++}`) }), host: 'web' });
  return { app, client: createIpcClient(createInProcessTransport(app.dispatch, app.events)) };
}

function nextNotification(client: IpcClient): Promise<DesktopNotification> {
  return new Promise((resolve) => {
    const dispose = client.on('notifications.show', (notification) => {
      dispose();
      resolve(notification);
    });
  });
}

describe('the web host: lifecycle notifications', () => {
  it('a failed enrollment becomes a notifications.show event about the record, and the tray counts it', async () => {
    const { app, client } = webHost();
    const shown = nextNotification(client);
    const recordId = await saveFailingRecord(client);
    const notification = await shown;
    expect(notification).toMatchObject({ category: 'failures', title: 'Renewal failed', recordId, count: 1 });
    expect(notification.body).toContain('failed (1 in a row)');
    await app.backgroundEngine.idle();
    expect(app.backgroundEngine.counts()).toEqual({ valid: 0, due: 0, failing: 1 });
    expect(app.backgroundEngine.inFlight()).toBe(0);
  });

  it('a switched-off kind is not shown', async () => {
    const { app, client } = webHost();
    await client.invoke('background.preferences.set', { notifications: { failures: false } });
    let shown = 0;
    client.on('notifications.show', () => shown++);
    const changed = new Promise<void>((resolve) => client.on('records.changed', () => resolve()));
    await saveFailingRecord(client);
    await changed;
    await app.backgroundEngine.idle();
    expect(app.backgroundEngine.counts().failing).toBe(1);
    expect(shown).toBe(0);
  });
});

describe('the web host: background preferences', () => {
  it('reads and changes the notification kinds, validated', async () => {
    const { client } = webHost();
    expect(await client.invoke('background.preferences.get', {})).toEqual({
      notifications: { 'expiry-warnings': true, failures: true, renewals: true },
      launchAtLogin: false,
      launchAtLoginAvailable: false,
      launchAtLoginNote: launchAtLoginElsewhere,
    });
    const changed = await client.invoke('background.preferences.set', { notifications: { renewals: false } });
    expect(changed.notifications).toEqual({ 'expiry-warnings': true, failures: true, renewals: false });
    expect((await client.invoke('background.preferences.get', {})).notifications.renewals).toBe(false);
    await expect(client.invoke('background.preferences.set', { notifications: { sounds: true } } as never)).rejects.toMatchObject({ code: 'validation' });
    await expect(client.invoke('background.preferences.set', { launchAtLogin: 'yes' } as never)).rejects.toMatchObject({ code: 'validation', field: 'launchAtLogin' });
  });

  it('refuses launch at login with the service hint', async () => {
    const { client } = webHost();
    const refusal = await client.invoke('background.preferences.set', { launchAtLogin: true }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(IpcError);
    expect((refusal as IpcError).message).toContain('cmp-desk service install');
    expect((await client.invoke('background.preferences.get', {})).launchAtLogin).toBe(false);
  });
});
