import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  return {
    exposed,
    listeners,
    invoked: [] as [string, unknown][],
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        fake.invoked.push([channel, payload]);
        return { ok: true, result: 'answered' };
      },
      on(channel: string, listener: (event: unknown, payload: unknown) => void) {
        listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      },
      removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
        listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
      },
    },
  };
});
vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));

import type { ClientTransport } from '../../../src-shared/ipc/index';
await import('../../../src-main/app/electron/preload');
const bridge = fake.exposed.get('cmpDesk') as ClientTransport;

describe('Electron preload', () => {
  beforeEach(() => {
    fake.invoked.length = 0;
  });

  it('exposes only window.cmpDesk with invoke and on — never ipcRenderer', () => {
    expect([...fake.exposed.keys()]).toEqual(['cmpDesk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract commands on their own channel', async () => {
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, result: 'answered' });
    expect(fake.invoked).toEqual([['cmp-desk:invoke:app.info', {}]]);
  });

  it('refuses names outside the contract without touching ipcRenderer', async () => {
    expect(await bridge.invoke('shell.openExternal', 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(fake.invoked).toEqual([]);
    const dispose = bridge.on('ipc.anything', () => {});
    dispose();
    expect([...fake.listeners.keys()]).not.toContain('ipc.anything');
  });

  it('delivers event payloads without the Electron event object and returns a working disposer', () => {
    const received: unknown[][] = [];
    const dispose = bridge.on('app.log', (...args: unknown[]) => received.push(args));
    const [listener] = fake.listeners.get('cmp-desk:event:app.log')!;
    listener({ sender: 'ipcRenderer internals' }, { message: 'hello' });
    expect(received).toEqual([[{ message: 'hello' }]]);
    dispose();
    expect(fake.listeners.get('cmp-desk:event:app.log')).toEqual([]);
  });
});
