import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../../../src-main/app/handlers/connection_test';
import type { UiContext } from '../../../src-main/app/handlers/ui_context';
import type { ConnectionTestRequest } from '../../../src-shared/ipc';
import { listen, stop } from '../cmp/transport/local_servers';

/** With a typed secret the connection test reads nothing but the logger from its context. */
const context = { logger: { info: () => undefined } } as unknown as UiContext;
const peers: (string | undefined)[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  // A web server that is not a CMP server: the test gets as far as the HTTP stage.
  server = http.createServer((request, response) => {
    peers.push(request.socket.remoteAddress);
    response.writeHead(404).end();
  });
  url = `http://127.0.0.1:${await listen(server)}/.well-known/cmp`;
});
afterAll(() => stop(server));

function request(sourceAddress?: string | null): ConnectionTestRequest {
  return {
    url,
    responseCaPem: [],
    expectedSender: null,
    messageTimeoutSeconds: 5,
    tls: { trustedCaPem: [], minimumTlsVersion: 'TLSv1.2', verifyHostName: true },
    reference: 'ref',
    secret: { typed: { value: 'secret', encoding: 'text' } },
    ...(sourceAddress === undefined ? {} : { sourceAddress }),
  };
}

describe('connection test with a source address', () => {
  it('sends from the source address', async () => {
    const result = await testConnection(context, request('127.0.0.2'));
    expect(result.stage).toBe('http');
    expect(peers.at(-1)).toBe('127.0.0.2');
    expect((await testConnection(context, request(null))).stage).toBe('http');
    expect(peers.at(-1)).toBe('127.0.0.1');
  });

  it('says that this computer cannot send from an address it does not have, not that the server is down', async () => {
    const before = peers.length;
    const result = await testConnection(context, request('192.0.2.1'));
    expect(result).toMatchObject({ ok: false, stage: 'network', message: 'This computer cannot send from the source address.' });
    expect(result.advice).toContain('network interfaces');
    expect(result.detail).toContain('the source address 192.0.2.1 is not assigned to this computer');
    expect(peers.length).toBe(before);
  });
});
