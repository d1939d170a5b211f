import type { WebSocket } from 'ws';
import {
  isEventName,
  IpcError,
  requestEnvelopeSchema,
  type Dispatch,
  type EventEnvelope,
  type EventHub,
  type ResponseEnvelope,
} from '../../../src-shared/ipc/index';
import { parsePayload } from '../../../src-shared/ipc/validate';

/** The largest IPC message accepted from a browser; bigger frames close the connection. */
export const maxIpcMessageBytes = 1024 * 1024;

/**
 * Serves the IPC contract over one authenticated WebSocket: requests are validated on receipt and
 * answered by the dispatcher; every event from the hub is pushed until the socket closes.
 */
export function serveIpcConnection(socket: WebSocket, dispatch: Dispatch, events: EventHub, log: (message: string) => void): void {
  const unsubscribe = events.subscribe((name, payload) => {
    if (!isEventName(name)) return;
    const envelope: EventEnvelope = { kind: 'event', event: name, payload };
    socket.send(JSON.stringify(envelope));
  });
  socket.on('close', unsubscribe);
  socket.on('error', (error) => log(`IPC connection error: ${error.message}`));

  socket.on('message', (data, isBinary) => {
    void answer(data.toString(), isBinary);
  });

  async function answer(text: string, isBinary: boolean): Promise<void> {
    let raw: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      raw = JSON.parse(text);
    } catch {
      log('IPC message dropped: not a JSON text frame');
      return;
    }
    let request;
    try {
      request = parsePayload(requestEnvelopeSchema, raw, 'request', 'IPC envelope');
    } catch (error) {
      // Without a valid id there is nobody to answer; an id alone is enough to report the field.
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) send({ kind: 'response', id, outcome: { ok: false, error: (error as IpcError).toData() } });
      else log(`IPC message dropped: ${(error as Error).message}`);
      return;
    }
    send({ kind: 'response', id: request.id, outcome: await dispatch(request.command, request.payload) });
  }

  function send(envelope: ResponseEnvelope): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(envelope));
  }
}
