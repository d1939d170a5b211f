import { startOpensslCmpServer, type OpensslCmpServer, type OpensslCmpServerOptions } from '../../support/openssl_cmp_server';
import type { TestPki } from '../../support/test_pki';
import { startTlsTerminator, type TlsTerminator } from '../../support/tls_terminator';

/** One `openssl cmp -port` mock server, reachable directly over HTTP and through nginx over HTTPS. */
export interface MockCmpEndpoint {
  server: OpensslCmpServer;
  /** Plain HTTP straight to the mock server. */
  httpUrl: string;
  /** HTTPS through nginx at the RFC 9811 well-known path (nginx maps it to "/"). */
  httpsUrl: string;
  /** nginx's error log, for failure messages (e.g. why it answered 502). */
  frontErrorLog(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a mock server with `options` and an nginx TLS front for it using the PKI's localhost certificate. */
export async function startMockCmpEndpoint(pki: TestPki, options: OpensslCmpServerOptions): Promise<MockCmpEndpoint> {
  const server = await startOpensslCmpServer(options);
  let front: TlsTerminator;
  try {
    front = await startTlsTerminator({ backendPort: server.port, certChain: pki.server.chain, key: pki.server.key });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    httpUrl: server.url,
    httpsUrl: `${front.origin}/.well-known/cmp`,
    frontErrorLog: () => front.errorLog(),
    stop: async () => {
      await front.stop();
      await server.stop();
    },
  };
}
