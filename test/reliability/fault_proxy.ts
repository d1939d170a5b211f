import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { buildError, type HeaderOptions } from '../../src-main/cmp/messages';
import { decodePkiMessage, encodePkiMessage } from '../../src-main/cmp/asn1';

/**
 * What the fault proxy in front of the lab CA does with a request: pass it on, answer by itself
 * (HTML, oversize, unprotected error), or replay the lab CA's previous answer.
 */
export type ProxyFault = 'pass' | 'html-200' | 'oversize' | 'replay-previous' | 'unprotected-error';

export interface FaultProxy {
  url: string;
  port: number;
  fault: ProxyFault;
  close(): Promise<void>;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forward(target: URL, body: Buffer): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(target, { method: 'POST', headers: { 'content-type': 'application/pkixcmp', 'content-length': body.length } }, (answer) => {
      void readBody(answer).then((bytes) => resolve({ status: answer.statusCode ?? 0, type: String(answer.headers['content-type'] ?? ''), body: bytes }), reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** An unprotected error message answering the request (what a misconfigured CA sends, RFC 9483 3.6.4). */
function unprotectedError(requestBytes: Buffer): Buffer {
  const requestMessage = decodePkiMessage(requestBytes);
  const header: HeaderOptions = {
    sender: requestMessage.header.recipient.directoryName!,
    recipient: requestMessage.header.sender.directoryName!,
    transactionID: new Uint8Array(requestMessage.header.transactionID!),
    senderNonce: new Uint8Array(randomBytes(16)),
    recipNonce: new Uint8Array(requestMessage.header.senderNonce!),
  };
  return Buffer.from(encodePkiMessage(buildError(header, { failInfo: ['systemUnavail'], text: 'service under maintenance' })));
}

/** A small HTTP server on 127.0.0.1 standing between the engine and the lab CA. */
export async function startFaultProxy(target: string, fault: ProxyFault = 'pass', listenPort = 0): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  let previous: Buffer | undefined;
  const proxy = { fault } as FaultProxy;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      switch (proxy.fault) {
        case 'html-200':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Welcome to nginx!</h1>');
          return;
        case 'oversize':
          res.writeHead(200, { 'content-type': 'application/pkixcmp' }).end(Buffer.alloc(8 * 1024 * 1024, 0x30));
          return;
        case 'unprotected-error':
          res.writeHead(200, { 'content-type': 'application/pkixcmp' }).end(unprotectedError(body));
          return;
        default: {
          const answer = await forward(targetUrl, body);
          const sent = proxy.fault === 'replay-previous' && previous ? previous : answer.body;
          previous = answer.body;
          res.writeHead(answer.status, { 'content-type': answer.type }).end(sent);
        }
      }
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(proxy, {
    port,
    url: `http://127.0.0.1:${port}${targetUrl.pathname}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}
