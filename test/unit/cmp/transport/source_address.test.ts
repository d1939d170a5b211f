import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTransport, TransportError } from '../../../../src-main/cmp/transport';
import { createTestProxy, listen, readBody, stop } from './local_servers';

/** The address each request to the CMP server came from, as the server saw it. */
const remoteAddresses: (string | undefined)[] = [];
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer(async (request, response) => {
    const body = await readBody(request);
    remoteAddresses.push(request.socket.remoteAddress);
    response.writeHead(200, { 'Content-Type': 'application/pkixcmp', 'Content-Length': body.length }).end(body);
  });
  origin = `http://127.0.0.1:${await listen(server)}`;
});
afterAll(() => stop(server));

async function remoteAddressSeenFor(localAddress: string | undefined, url = `${origin}/.well-known/cmp`): Promise<string | undefined> {
  const transport = new HttpTransport({ url, ...(localAddress === undefined ? {} : { localAddress }) });
  try {
    expect([...(await transport.send(new Uint8Array([7, 8])))]).toEqual([7, 8]);
  } finally {
    transport.close();
  }
  return remoteAddresses.at(-1);
}

async function failure(localAddress: string): Promise<TransportError> {
  const transport = new HttpTransport({ url: `${origin}/.well-known/cmp`, localAddress });
  const error = await transport.send(new Uint8Array([1])).then(() => undefined, (e: unknown) => e);
  transport.close();
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe('HttpTransport with a source address (CmpServer.sourceAddress)', () => {
  it('connects from the source address: the server sees 127.0.0.1, and 127.0.0.2 (a loopback address the OS would not pick) when that is chosen', async () => {
    expect(await remoteAddressSeenFor('127.0.0.1')).toBe('127.0.0.1');
    expect(await remoteAddressSeenFor('127.0.0.2')).toBe('127.0.0.2');
    expect(await remoteAddressSeenFor(undefined)).toBe('127.0.0.1');
  });

  it('resolves a host name to the source address\'s IP version and connects from it', async () => {
    expect(await remoteAddressSeenFor('127.0.0.3', `${origin.replace('127.0.0.1', 'localhost')}/.well-known/cmp`)).toBe('127.0.0.3');
  });

  it('refuses an address that is not this computer\'s with a TransportError naming it', async () => {
    const error = await failure('192.0.2.1');
    expect(error.code).toBe('source-address');
    expect(error.systemCode).toBe('EADDRNOTAVAIL');
    expect(error.message).toBe(`CMP server ${origin}/.well-known/cmp: the source address 192.0.2.1 is not assigned to this computer (EADDRNOTAVAIL); choose an address of one of its network interfaces or clear the source address`);
  });

  it('names the IP version mismatch when an IPv6 source address meets an IPv4 server', async () => {
    const error = await failure('::1');
    expect(error.code).toBe('source-address');
    expect(error.systemCode).toBe('EINVAL');
    expect(error.message).toContain('could not send from the source address ::1 (EINVAL); it must be of the same IP version (IPv4 or IPv6) as the server\'s address');
  });

  it('with a proxy, the connection to the proxy leaves from the source address', async () => {
    const proxy = createTestProxy(http);
    const proxyPeers: (string | undefined)[] = [];
    proxy.server.on('connection', (socket) => proxyPeers.push(socket.remoteAddress));
    const proxyUrl = `http://127.0.0.1:${await listen(proxy.server)}`;
    const transport = new HttpTransport({ url: `${origin}/.well-known/cmp`, proxy: { url: proxyUrl }, localAddress: '127.0.0.2' });
    try {
      expect([...(await transport.send(new Uint8Array([5])))]).toEqual([5]);
    } finally {
      transport.close();
      await proxy.stop();
    }
    expect(proxy.forwarded).toEqual([`${origin}/.well-known/cmp`]);
    expect(proxyPeers).toEqual(['127.0.0.2']);
  });
});
