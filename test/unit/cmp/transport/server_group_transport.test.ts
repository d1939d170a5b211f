import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HttpTransport, InMemoryTransport, ServerGroupError, ServerGroupTransport, TransportError, type CmpTransport, type GroupServer,
} from '../../../../src-main/cmp/transport';
import { freePort } from '../../../support/ports';
import { listen, readBody, stop } from './local_servers';

/** A server that answers with its own name, or fails with the given code while `down` is set. */
function fakeServer(name: string, calls: string[], state: { down?: TransportError['code'] } = {}): GroupServer & { state: typeof state } {
  const transport = new InMemoryTransport(async () => {
    calls.push(name);
    if (state.down) throw new TransportError(state.down, `${name} is down`);
    return new TextEncoder().encode(name);
  }, name);
  return { name, transport, state };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('ServerGroupTransport', () => {
  it('passes a failed exchange to the next server in order and stays with the one that answered', async () => {
    const calls: string[] = [];
    const [a, b, c] = [fakeServer('a', calls, { down: 'connection-refused' }), fakeServer('b', calls, { down: 'timeout' }), fakeServer('c', calls)];
    const group = new ServerGroupTransport('primary', [a, b, c]);
    const { response, server } = await group.sendWithServer(new Uint8Array([1]));
    expect(text(response)).toBe('c');
    expect(server).toBe(c);
    expect(group.currentServer).toBe(c);
    expect(calls).toEqual(['a', 'b', 'c']);

    c.state.down = 'http-status';
    a.state.down = undefined;
    calls.length = 0;
    expect(text(await group.send(new Uint8Array([1])))).toBe('a');
    expect(calls).toEqual(['c', 'a']);
  });

  it('lists every failure when all servers fail, then starts again from the first server', async () => {
    const calls: string[] = [];
    const servers = [fakeServer('a', calls, { down: 'dns' }), fakeServer('b', calls), fakeServer('c', calls, { down: 'tls-untrusted' })];
    const group = new ServerGroupTransport('primary', servers);
    await group.send(new Uint8Array([1]));
    expect(group.currentServer.name).toBe('b');
    servers[1].state.down = 'content-type';
    calls.length = 0;
    const error = await group.send(new Uint8Array([1])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerGroupError);
    const failures = (error as ServerGroupError).failures;
    expect(failures.map((f) => `${f.server}:${f.error.code}`)).toEqual(['b:content-type', 'c:tls-untrusted', 'a:dns']);
    expect((error as ServerGroupError).message).toMatch(/All 3 CMP servers of group 'primary' failed/);
    expect(group.currentServer.name).toBe('a');
  });

  it('does not move on when the caller aborted', async () => {
    const calls: string[] = [];
    const group = new ServerGroupTransport('g', [fakeServer('a', calls, { down: 'aborted' }), fakeServer('b', calls)]);
    expect(((await group.send(new Uint8Array()).catch((e: unknown) => e)) as TransportError).code).toBe('aborted');
    expect(calls).toEqual(['a']);
  });

  it('sends a pinned transaction only to its server', async () => {
    const calls: string[] = [];
    const servers = [fakeServer('a', calls), fakeServer('b', calls, { down: 'timeout' })];
    const group = new ServerGroupTransport('g', servers);
    const pinned = group.pinned('b');
    expect(((await pinned.send(new Uint8Array()).catch((e: unknown) => e)) as TransportError).code).toBe('timeout');
    expect(calls).toEqual(['b']);
    expect(() => group.pinned('zzz')).toThrow(/no CMP server 'zzz'/);
  });

  it("gives each server at most its own message timeout, within what the caller allows", async () => {
    const seen: string[] = [];
    const recording = (name: string, fails: boolean): CmpTransport => ({
      send: async (_request, options) => {
        seen.push(`${name}:${options?.timeoutMs}`);
        if (fails) throw new TransportError('timeout', `${name} did not answer`);
        return new TextEncoder().encode(name);
      },
      close: () => undefined,
    });
    const group = new ServerGroupTransport('g', [
      { name: 'slow', transport: recording('slow', true), messageTimeoutMs: 100 },
      { name: 'patient', transport: recording('patient', false), messageTimeoutMs: 30_000 },
      { name: 'unset', transport: recording('unset', false) },
    ]);
    expect(text(await group.send(new Uint8Array([1]), { timeoutMs: 5000 }))).toBe('patient');
    await group.pinned('unset').send(new Uint8Array([1]), { timeoutMs: 700 });
    await group.pinned('slow').send(new Uint8Array([1])).catch(() => undefined);
    expect(seen).toEqual(['slow:100', 'patient:5000', 'unset:700', 'slow:100']);
  });

  it('accepts 1 to 10 servers', () => {
    const one = fakeServer('a', []);
    expect(() => new ServerGroupTransport('g', [])).toThrow(RangeError);
    expect(() => new ServerGroupTransport('g', Array.from({ length: 11 }, () => one))).toThrow(/1 to 10/);
  });

  it('closes every member', async () => {
    const hanging = new InMemoryTransport(() => new Promise(() => undefined));
    const group = new ServerGroupTransport('g', [{ name: 'a', transport: hanging }]);
    const pending = group.send(new Uint8Array()).catch((e: unknown) => e);
    group.close();
    expect(((await pending) as TransportError).code).toBe('closed');
    expect(((await group.pinned('a').send(new Uint8Array()).catch((e: unknown) => e)) as TransportError).code).toBe('closed');
  });
});

describe('ServerGroupTransport over real HTTP', () => {
  let server: http.Server;
  let url: string;
  const transports: CmpTransport[] = [];
  beforeAll(async () => {
    server = http.createServer(async (request, response) => {
      await readBody(request);
      response.writeHead(200, { 'Content-Type': 'application/pkixcmp' }).end(Buffer.from('up'));
    });
    url = `http://127.0.0.1:${await listen(server)}/.well-known/cmp`;
  });
  afterAll(async () => {
    for (const transport of transports) transport.close();
    await stop(server);
  });

  it('fails over from a refused server to a working one', async () => {
    const refused = new HttpTransport({ url: `http://127.0.0.1:${await freePort()}/.well-known/cmp` });
    const working = new HttpTransport({ url });
    const group = new ServerGroupTransport('g', [{ name: 'down', transport: refused }, { name: 'up', transport: working }]);
    transports.push(group);
    expect(text(await group.send(new Uint8Array([1])))).toBe('up');
    expect(group.currentServer.name).toBe('up');
  });
});
