import { describe, expect, it } from 'vitest';
import { commandNames, eventNames } from '../../../src-shared/ipc/index';
import { createPreloadBridge } from '../../../src-main/app/electron/preload_bridge';
import { eventChannel, invokeChannel } from '../../../src-main/app/electron/channels';
import { seededRandom } from '../fuzz/prng';

/**
 * The preload is the only thing a sandboxed Electron renderer can reach: it must map exactly the
 * contract's names to their channels and nothing else, whatever string hostile page script passes.
 */
function recordingIpcRenderer() {
  const invoked: string[] = [];
  const subscribed: string[] = [];
  return {
    invoked,
    subscribed,
    ipcRenderer: {
      invoke: async (channel: string) => {
        invoked.push(channel);
        return { ok: true, result: null };
      },
      on: (channel: string) => {
        subscribed.push(channel);
        return undefined as never;
      },
      removeListener: () => undefined as never,
    },
  };
}

/** Names page script might try: prototype members, channel names themselves, near-misses of real commands. */
function hostileNames(count: number): unknown[] {
  const random = seededRandom(4711);
  const fixed: unknown[] = [
    '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'shell.openExternal', 'ipcRenderer.send',
    invokeChannel(commandNames[0]), eventChannel(eventNames[0]), `${commandNames[0]} `, commandNames[0].toUpperCase(), `../${commandNames[0]}`,
    null, undefined, 42, {}, [], { toString: () => commandNames[0] }, Symbol('x'),
  ];
  const nearMisses = Array.from({ length: count }, () => {
    const name = random.pick([...commandNames, ...eventNames]);
    const at = random.below(name.length + 1);
    return random.chance(0.5) ? name.slice(0, at) + String.fromCharCode(32 + random.below(95)) + name.slice(at) : name.slice(0, at) + name.slice(at + 1);
  });
  return [...fixed, ...nearMisses.filter((name) => !commandNames.includes(name as never) && !eventNames.includes(name as never))];
}

describe('Electron preload: contract names only', () => {
  it('maps every contract command and event to its own channel', async () => {
    const fake = recordingIpcRenderer();
    const bridge = createPreloadBridge(fake.ipcRenderer);
    for (const name of commandNames) await bridge.invoke(name, {});
    for (const name of eventNames) bridge.on(name, () => undefined);
    expect(fake.invoked).toEqual(commandNames.map(invokeChannel));
    expect(fake.subscribed).toEqual(eventNames.map(eventChannel));
  });

  it('never passes a name outside the contract to ipcRenderer (2,000 hostile names)', async () => {
    const fake = recordingIpcRenderer();
    const bridge = createPreloadBridge(fake.ipcRenderer);
    for (const name of hostileNames(2_000)) {
      const outcome = await bridge.invoke(name as never, {});
      expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
      bridge.on(name as never, () => undefined)();
    }
    expect(fake.invoked).toEqual([]);
    expect(fake.subscribed).toEqual([]);
  });

  it('exposes plain functions only: no ipcRenderer, no prototype to climb to it', () => {
    const bridge = createPreloadBridge(recordingIpcRenderer().ipcRenderer);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(bridge).every((member) => typeof member === 'function')).toBe(true);
    expect(JSON.stringify(Object.getOwnPropertyNames(bridge).sort())).toBe('["invoke","on"]');
  });
});
