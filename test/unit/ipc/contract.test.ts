import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  appInfoSchema,
  createDispatcher,
  createInProcessTransport,
  createIpcClient,
  EventHub,
  IpcError,
  IpcValidationError,
  type AppHealth,
  type ClientTransport,
  type CommandHandlers,
  type LogEntry,
} from '../../../src-shared/ipc/index';
import { composeApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';

const dataDir = mkdtempSync(join(tmpdir(), 'cmp-desk-ipc-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const info = { name: 'cmp-desk', version: '1.0.0', host: 'in-process' as const, platform: 'linux', dataDir: '/d', logsDir: '/d/logs' };
const health: AppHealth = { status: 'ok', checks: [], uptimeSeconds: 1, checkedAt: '2026-01-01T00:00:00.000Z' };

function clientFor(handlers: Partial<CommandHandlers>, hub = new EventHub(), onUnexpectedError = vi.fn()) {
  // These tests exercise a few commands only; the contract grows with every feature.
  const full = { 'app.info': () => info, 'app.health': () => health, ...handlers } as CommandHandlers;
  const dispatch = createDispatcher(full, { onUnexpectedError });
  return { client: createIpcClient(createInProcessTransport(dispatch, hub)), dispatch, hub, onUnexpectedError };
}

/** Awaits a rejection and returns it, failing the test when the promise resolves instead. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be rejected');
}

describe('the IPC contract through the in-process transport', () => {
  it('serves app.info and app.health from the composition root', async () => {
    const app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: dataDir }), host: 'in-process' });
    const client = createIpcClient(createInProcessTransport(app.dispatch, app.events));
    const appInfo = await client.invoke('app.info', {});
    expect(appInfoSchema.parse(appInfo)).toEqual(appInfo);
    expect(appInfo).toMatchObject({ name: 'cmp-desk', host: 'in-process', dataDir, logsDir: join(dataDir, 'logs') });
    const appHealth = await client.invoke('app.health', {});
    expect(appHealth.status).toBe('ok');
    expect(appHealth.checks).toContainEqual({ name: 'Data folder', status: 'ok', detail: dataDir });
    await app.close();
  });

  it('refuses an invalid request with an IpcValidationError naming the field', async () => {
    const { client } = clientFor({});
    // Bypass the static types on purpose: this is what a compromised or buggy renderer could send.
    const error = await rejection(client.invoke('app.info', { verbose: true } as never));
    expect(error).toBeInstanceOf(IpcValidationError);
    expect((error as IpcValidationError).field).toBe('verbose');
  });

  it('refuses an invalid request on receipt in main, even when the client check is skipped', async () => {
    const { dispatch } = clientFor({});
    expect(await dispatch('app.health', 'not an object')).toEqual({
      ok: false,
      error: { code: 'validation', field: '(payload)', message: expect.stringContaining('app.health request') },
    });
  });

  it('reports a handler response that breaks the contract as a validation error naming the field', async () => {
    const { client } = clientFor({ 'app.health': () => ({ ...health, checks: [{ name: 'x', status: 'sideways', detail: '' }] }) as never });
    const error = await rejection(client.invoke('app.health', {}));
    expect(error).toBeInstanceOf(IpcValidationError);
    expect((error as IpcValidationError).field).toBe('checks.0.status');
  });

  it('strips fields the contract does not declare, so a handler cannot leak them', async () => {
    const { client } = clientFor({ 'app.info': () => ({ ...info, initialAuthenticationKey: 'secret' }) });
    expect(await client.invoke('app.info', {})).toEqual(info);
  });

  it('turns an unexpected handler exception into a typed error without the stack', async () => {
    const { client, onUnexpectedError } = clientFor({
      'app.health': () => {
        throw new Error('disk on fire at /secret/path');
      },
    });
    const error = await rejection(client.invoke('app.health', {}));
    expect(error).toBeInstanceOf(IpcError);
    expect((error as IpcError).code).toBe('handler-failed');
    expect((error as IpcError).message).not.toContain('/secret/path');
    expect(onUnexpectedError).toHaveBeenCalledOnce();
  });

  it('passes a deliberate IpcError through with its code', async () => {
    const { client } = clientFor({
      'app.health': () => {
        throw new IpcError('forbidden', 'not now');
      },
    });
    expect(await rejection(client.invoke('app.health', {}))).toMatchObject({ code: 'forbidden', message: 'not now' });
  });

  it('answers an unknown command with unknown-command', async () => {
    const { dispatch } = clientFor({});
    expect(await dispatch('app.selfDestruct', {})).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  });
});

describe('the typed client against a misbehaving transport', () => {
  const transport = (answer: unknown): ClientTransport => ({ invoke: async () => answer as never, on: () => () => {} });

  it('refuses a response that is not an IpcResult', async () => {
    const client = createIpcClient(transport({ hello: 'world' }));
    expect(await rejection(client.invoke('app.info', {}))).toBeInstanceOf(IpcValidationError);
  });

  it('refuses a result that does not match the response schema, naming the field', async () => {
    const client = createIpcClient(transport({ ok: true, result: { ...info, version: 3 } }));
    const error = await rejection(client.invoke('app.info', {}));
    expect(error).toBeInstanceOf(IpcValidationError);
    expect((error as IpcValidationError).field).toBe('version');
  });

  it('maps a transport failure to transport-closed', async () => {
    const client = createIpcClient({ invoke: () => Promise.reject(new Error('socket gone')), on: () => () => {} });
    expect(await rejection(client.invoke('app.info', {}))).toMatchObject({ code: 'transport-closed' });
  });
});

describe('pushed events', () => {
  const entry: LogEntry = { at: '2026-01-01T00:00:00.000Z', level: 'info', source: 'test', message: 'hello' };

  it('delivers a valid event and stops after the disposer runs', () => {
    const { client, hub } = clientFor({});
    const received: LogEntry[] = [];
    const dispose = client.on('app.log', (e) => received.push(e));
    hub.emit('app.log', entry);
    dispose();
    dispose();
    hub.emit('app.log', { ...entry, message: 'after dispose' });
    expect(received).toEqual([entry]);
    expect(hub.subscriberCount).toBe(0);
  });

  it('drops an invalid event on receipt and reports the field', () => {
    let push: (payload: unknown) => void = () => {};
    const onInvalidEvent = vi.fn();
    const client = createIpcClient({ invoke: async () => ({ ok: true, result: null }), on: (_name, listener) => ((push = listener), () => {}) }, { onInvalidEvent });
    const listener = vi.fn();
    client.on('app.log', listener);
    push({ ...entry, level: 'shouting' });
    expect(listener).not.toHaveBeenCalled();
    expect(onInvalidEvent).toHaveBeenCalledOnce();
    expect(onInvalidEvent.mock.calls[0][0]).toBeInstanceOf(IpcValidationError);
    expect(onInvalidEvent.mock.calls[0][0].field).toBe('level');
  });

  it('refuses to emit an invalid event from main', () => {
    const onInvalid = vi.fn();
    const hub = new EventHub(onInvalid);
    const sink = vi.fn();
    hub.subscribe(sink);
    hub.emit('app.log', { ...entry, at: 'yesterday' });
    expect(sink).not.toHaveBeenCalled();
    expect(onInvalid.mock.calls[0][0].field).toBe('at');
  });

  it('the logger writes to the logs folder and pushes app.log', async () => {
    const app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: dataDir }), host: 'in-process' });
    const client = createIpcClient(createInProcessTransport(app.dispatch, app.events));
    const received: LogEntry[] = [];
    const dispose = client.on('app.log', (e) => received.push(e));
    app.logger.warn('test', 'renewal window closed');
    dispose();
    expect(received).toEqual([expect.objectContaining({ level: 'warn', source: 'test', message: 'renewal window closed' })]);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(app.logger.filePath, 'utf8')).toContain('renewal window closed');
  });
});
