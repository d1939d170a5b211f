import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  commandNames, commands, createDispatcher, IpcError, IpcValidationError, type CommandHandlers, type CommandName, type IpcResult,
} from '../../../src-shared/ipc/index';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose';
import { resolveDataPaths } from '../../../src-main/app/data_paths';
import { tokenCookieName } from '../../../src-main/app/web/access_token';
import { startWebHost, type WebHost } from '../../../src-main/app/web/web_host';
import { adjacentPayload, exampleOf, jsonSchemaOf, randomValue } from './ipc_payloads';
import { writeFuzzReport } from './fuzz_report';
import type { FuzzStats } from './fuzz_harness';
import { FUZZ_SEED, seededRandom, SOAK, type Random } from './prng';

/** 10,000 invalid payloads per command in the full variant; a sample per command in npm test. */
const PAYLOADS_PER_COMMAND = SOAK ? 10_000 : 300;
/** Of those, this many also travel over the real WebSocket host to the composed app. */
const OVER_THE_WIRE_PER_COMMAND = SOAK ? 500 : 12;

/** A valid request for the command, when the generator finds one: the base of schema-adjacent payloads. */
function validExample(name: CommandName, random: Random): unknown {
  const schema = commands[name].request;
  const json = jsonSchemaOf(schema);
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = exampleOf(json, random);
    if (schema.safeParse(candidate).success) return candidate;
  }
  return undefined;
}

/** Invalid payloads for one command: half random JSON, half one step away from a valid request. */
function* invalidPayloads(name: CommandName, count: number, random: Random): Generator<{ payload: unknown; adjacent: boolean }> {
  const schema = commands[name].request;
  const valid = validExample(name, random);
  let produced = 0;
  for (let attempt = 0; produced < count && attempt < count * 20; attempt++) {
    const adjacent = valid !== undefined && random.chance(0.5);
    const payload = JSON.parse(JSON.stringify(adjacent ? adjacentPayload(valid, random) : randomValue(random)) ?? 'null') as unknown;
    if (schema.safeParse(payload).success) continue;
    produced++;
    yield { payload, adjacent };
  }
}

let handlerCalls = 0;
/** Handlers that must never run: every payload here is invalid. */
const refusingHandlers = new Proxy({}, {
  get: () => () => {
    handlerCalls++;
    throw new Error('a handler ran for an invalid payload');
  },
}) as CommandHandlers;

describe(`fuzz: the IPC boundary (${PAYLOADS_PER_COMMAND} invalid payloads per command, seed ${FUZZ_SEED})`, () => {
  const root = mkdtempSync(join(tmpdir(), 'cmp-desk-ipc-fuzz-'));
  let app: ComposedApp;
  let host: WebHost;

  beforeAll(async () => {
    mkdirSync(join(root, 'renderer'), { recursive: true });
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>cmp-desk</title>');
    app = composeApp({ dataPaths: resolveDataPaths({ dataDirOption: join(root, 'data') }), host: 'web' });
    host = await startWebHost({ app, rendererDir: join(root, 'renderer') });
  });

  afterAll(async () => {
    await host.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('every command has a schema-valid example, so adjacent payloads are one step from valid', () => {
    const random = seededRandom(FUZZ_SEED);
    const without = commandNames.filter((name) => validExample(name, random) === undefined);
    expect(without).toEqual([]);
  });

  it('the dispatcher rejects every invalid payload with a validation error and never runs a handler', { timeout: SOAK ? 3_600_000 : 60_000 }, async () => {
    const dispatch = createDispatcher(refusingHandlers);
    const stats: FuzzStats[] = [];
    const unexpected: string[] = [];
    for (const [index, name] of commandNames.entries()) {
      const stat: FuzzStats = { target: name, cases: 0, parsed: 0, typedErrors: 0, crashers: [], slowest: { ms: 0, label: '' }, byError: {} };
      for (const { payload, adjacent } of invalidPayloads(name, PAYLOADS_PER_COMMAND, seededRandom(FUZZ_SEED + index))) {
        stat.cases++;
        const started = performance.now();
        const result = await dispatch(name, payload);
        const ms = performance.now() - started;
        if (ms > stat.slowest.ms) stat.slowest = { ms, label: adjacent ? 'adjacent' : 'random' };
        if (!result.ok && IpcError.fromData(result.error) instanceof IpcValidationError) stat.typedErrors++;
        else unexpected.push(`${name}: ${JSON.stringify(payload).slice(0, 200)} -> ${JSON.stringify(result).slice(0, 200)}`);
      }
      stats.push(stat);
    }
    const random = seededRandom(FUZZ_SEED);
    for (let i = 0; i < 500; i++) {
      const result = await dispatch(randomValue(random), randomValue(random));
      if (result.ok || result.error.code !== 'unknown-command') unexpected.push(`unknown command accepted: ${JSON.stringify(result)}`);
    }
    process.stdout.write(writeFuzzReport('ipc', stats).split('\n').slice(0, 2).join('\n') + `\n... ${stats.length} commands, ${stats.reduce((n, s) => n + s.cases, 0)} payloads\n`);
    expect(unexpected).toEqual([]);
    expect(handlerCalls).toBe(0);
    expect(stats.every((s) => s.cases === PAYLOADS_PER_COMMAND)).toBe(true);
  });

  it('over the WebSocket host, invalid payloads and broken frames are refused and the main process keeps serving', { timeout: SOAK ? 3_600_000 : 60_000 }, async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, { headers: { Cookie: `${tokenCookieName(host.port)}=${host.token}` } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const pending = new Map<number, (outcome: IpcResult) => void>();
    socket.on('message', (data) => {
      const envelope = JSON.parse(data.toString()) as { kind: string; id: number; outcome: IpcResult };
      if (envelope.kind === 'response') pending.get(envelope.id)?.(envelope.outcome);
    });
    let nextId = 1;
    const invoke = (command: unknown, payload: unknown) => {
      const id = nextId++;
      const answered = new Promise<IpcResult>((resolve) => pending.set(id, resolve));
      socket.send(JSON.stringify({ kind: 'request', id, command, payload }));
      return answered;
    };
    const refusedCodes: string[] = [];
    for (const [index, name] of commandNames.entries()) {
      for (const { payload } of invalidPayloads(name, OVER_THE_WIRE_PER_COMMAND, seededRandom(FUZZ_SEED + 1000 + index))) {
        const outcome = await invoke(name, payload);
        refusedCodes.push(outcome.ok ? `${name} accepted ${JSON.stringify(payload).slice(0, 100)}` : outcome.error.code);
      }
    }
    // Frames that are not requests at all: dropped (or answered as a validation error when they carry an id).
    for (const frame of ['', 'not json', '{"kind":"request"}', '[]', 'null', '{"kind":"request","id":-1,"command":"app.info"}', '{"kind":"request","id":99999999,"command":7}', '{"kind":"event","event":"app.log","payload":{}}']) socket.send(frame);
    socket.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(new Set(refusedCodes)).toEqual(new Set(['validation']));
    const info = await invoke('app.info', {});
    expect(info.ok).toBe(true);
    socket.close();
    // A fresh connection is served as well.
    const again = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, { headers: { Cookie: `${tokenCookieName(host.port)}=${host.token}` } });
    await new Promise((resolve, reject) => again.once('open', resolve).once('error', reject));
    const answer = new Promise<string>((resolve) => again.once('message', (data) => resolve(data.toString())));
    again.send(JSON.stringify({ kind: 'request', id: 1, command: 'app.health', payload: {} }));
    expect(JSON.parse(await answer)).toMatchObject({ kind: 'response', id: 1, outcome: { ok: true } });
    again.close();
  });
});
