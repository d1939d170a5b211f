import { describe, expect, it } from 'vitest';
import { InMemoryTransport, TransportError } from '../../../../src-main/cmp/transport';

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

const never = () => new Promise<Uint8Array>(() => undefined);

describe('InMemoryTransport', () => {
  it('hands the request to the handler and returns its answer as a copy', async () => {
    const answer = new Uint8Array([5, 6]);
    const transport = new InMemoryTransport(async (request) => (request[0] === 1 ? answer : new Uint8Array()));
    const response = await transport.send(new Uint8Array([1]));
    expect([...response]).toEqual([5, 6]);
    response[0] = 0;
    expect(answer[0]).toBe(5);
  });

  it('passes a TransportError thrown by the handler through and wraps anything else', async () => {
    const refused = new TransportError('connection-refused', 'simulated');
    expect(await failure(new InMemoryTransport(() => Promise.reject(refused)).send(new Uint8Array()))).toBe(refused);
    const wrapped = await failure(new InMemoryTransport(() => Promise.reject(new Error('boom'))).send(new Uint8Array()));
    expect(wrapped.message).toContain('boom');
  });

  it('times out, aborts and closes like the HTTP transport', async () => {
    const transport = new InMemoryTransport(never, 'lab');
    expect((await failure(transport.send(new Uint8Array(), { timeoutMs: 20 }))).code).toBe('timeout');
    const controller = new AbortController();
    const aborted = failure(transport.send(new Uint8Array(), { signal: controller.signal }));
    controller.abort();
    expect((await aborted).code).toBe('aborted');
    const pending = failure(transport.send(new Uint8Array()));
    transport.close();
    expect((await pending).code).toBe('closed');
    expect((await failure(transport.send(new Uint8Array()))).code).toBe('closed');
  });
});
