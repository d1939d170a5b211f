import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTransport, TransportError, wellKnownCmpUrl, type TlsSettings } from '../../src-main/cmp/transport';
import { runOpensslCmp } from '../support/openssl_cmp_client';
import { startOpensslCmpServer, type OpensslCmpServer } from '../support/openssl_cmp_server';
import { createTestPki, type TestPki } from '../support/test_pki';
import { startTlsTerminator, type TlsTerminator } from '../support/tls_terminator';

const SECRET = 'interop-secret';
const REF = 'interop-ref';

/** Context tag number of PKIMessage.body ([21] genm, [22] genp, [23] error), read from the DER without a parser. */
function bodyTag(der: Uint8Array): number {
  const skipLength = (offset: number): [number, number] => {
    const first = der[offset];
    if (first < 0x80) return [first, offset + 1];
    const count = first & 0x7f;
    let length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[offset + 1 + i];
    return [length, offset + 1 + count];
  };
  expect(der[0]).toBe(0x30);
  const [, headerStart] = skipLength(1);
  expect(der[headerStart]).toBe(0x30);
  const [headerLength, headerContent] = skipLength(headerStart + 1);
  const bodyAt = headerContent + headerLength;
  expect(der[bodyAt] & 0xe0).toBe(0xa0);
  return der[bodyAt] & 0x1f;
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

let pki: TestPki;
let otherPki: TestPki;
let genm: Uint8Array;
let server: OpensslCmpServer;
let errorServer: OpensslCmpServer;
let front: TlsTerminator;
let wrongHostFront: TlsTerminator;
let mutualFront: TlsTerminator;
let errorFront: TlsTerminator;
let trusted: TlsSettings;

async function send(url: string, tlsSettings: TlsSettings | undefined, request: Uint8Array, timeoutMs = 10_000): Promise<Uint8Array> {
  const transport = new HttpTransport({ url, tls: tlsSettings, messageTimeoutMs: timeoutMs });
  try {
    return await transport.send(request);
  } finally {
    transport.close();
  }
}

beforeAll(async () => {
  [pki, otherPki] = await Promise.all([createTestPki({ intermediate: true }), createTestPki({ name: 'other' })]);
  trusted = { trustedCaPem: [await pki.read(pki.trustedCa)] };
  // A PBM-protected genm made by OpenSSL itself, against its in-process mock server: a request nobody here wrote.
  const genmFile = path.join(pki.dir, 'genm.der');
  const made = await runOpensslCmp(['-cmd', 'genm', '-use_mock_srv', '-ref', REF, '-secret', `pass:${SECRET}`, '-srv_ref', REF, '-srv_secret', `pass:${SECRET}`,
    '-recipient', '/CN=cmp-desk interop', '-reqout', genmFile]);
  expect(made.exitCode, made.stderr).toBe(0);
  genm = new Uint8Array(await readFile(genmFile));

  const common = { srvRef: REF, srvSecret: SECRET, rspCert: pki.endEntity.cert, rspCaPubs: pki.trustedCa };
  [server, errorServer] = await Promise.all([startOpensslCmpServer(common), startOpensslCmpServer({ ...common, sendError: true, statusString: 'interop says no' })]);
  const tlsFiles = { certChain: pki.server.chain, key: pki.server.key };
  [front, wrongHostFront, mutualFront, errorFront] = await Promise.all([
    startTlsTerminator({ backendPort: server.port, ...tlsFiles }),
    startTlsTerminator({ backendPort: server.port, certChain: pki.wrongHost.chain, key: pki.wrongHost.key }),
    startTlsTerminator({ backendPort: server.port, ...tlsFiles, clientCa: pki.caBundle }),
    startTlsTerminator({ backendPort: errorServer.port, ...tlsFiles }),
  ]);
});

afterAll(async () => {
  await Promise.all([front, wrongHostFront, mutualFront, errorFront].map((t) => t?.stop()));
  await Promise.all([server, errorServer].map((s) => s?.stop()));
  await Promise.all([pki?.cleanup(), otherPki?.cleanup()]);
});

describe('HttpTransport against openssl cmp -port behind nginx', () => {
  it('gets a genp for an OpenSSL-made genm over HTTPS at the well-known path', async () => {
    const response = await send(wellKnownCmpUrl(front.origin), trusted, genm);
    expect(bodyTag(response)).toBe(22);
    expect(bodyTag(await send(wellKnownCmpUrl(front.origin, 'lab'), trusted, genm))).toBe(22);
  });

  it('runs many exchanges over one keep-alive transport, directly and through nginx', async () => {
    for (const [url, tlsSettings] of [[server.url, undefined], [wellKnownCmpUrl(front.origin), trusted]] as const) {
      const transport = new HttpTransport({ url, tls: tlsSettings, messageTimeoutMs: 10_000 });
      for (let i = 0; i < 20; i++) expect(bodyTag(await transport.send(genm))).toBe(22);
      transport.close();
    }
  });

  it('returns an application/pkixcmp error message from a server told to refuse', async () => {
    expect(bodyTag(await send(wellKnownCmpUrl(errorFront.origin), trusted, genm))).toBe(23);
  });

  it('refuses nginx when the TLS profile trusts another CA', async () => {
    const error = await failure(send(wellKnownCmpUrl(front.origin), { trustedCaPem: [await otherPki.read(otherPki.trustedCa)] }, genm));
    expect(error.code).toBe('tls-untrusted');
  });

  it('refuses nginx presenting a certificate for another host, unless tlsHost names that host', async () => {
    const url = wellKnownCmpUrl(wrongHostFront.origin);
    expect((await failure(send(url, trusted, genm))).code).toBe('tls-hostname-mismatch');
    expect(bodyTag(await send(url, { ...trusted, tlsHost: pki.wrongHostName }, genm))).toBe(22);
  });

  it('authenticates with a client certificate where nginx requires one', async () => {
    const url = wellKnownCmpUrl(mutualFront.origin);
    const refused = await failure(send(url, trusted, genm));
    expect(refused.code).toBe('http-status');
    expect(refused.status).toBe(400);
    const mutual = { ...trusted, clientCertPem: await pki.read(pki.client.chain), clientKey: createPrivateKey(await pki.read(pki.client.key)) };
    expect(bodyTag(await send(url, mutual, genm))).toBe(22);
  });

  it('times out on a non-DER request, which the mock server never answers', async () => {
    const error = await failure(send(server.url, undefined, new TextEncoder().encode('not a PKIMessage'), 500));
    expect(error.code).toBe('timeout');
    // The server survives the hang-up and serves the next client.
    expect(bodyTag(await send(server.url, undefined, genm))).toBe(22);
  });

  it('lets the openssl cmp client reach the mock server through nginx too', async () => {
    const result = await runOpensslCmp(['-cmd', 'genm', '-server', `${front.origin}/.well-known/cmp`, '-tls_used', '-tls_trusted', pki.trustedCa,
      '-ref', REF, '-secret', `pass:${SECRET}`, '-recipient', '/CN=cmp-desk interop']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toContain('received GENP');
  });
});
