import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

/** What nginx serves and where it forwards. */
export interface TlsTerminatorOptions {
  /** The plain-HTTP server behind nginx on 127.0.0.1 (e.g. OpensslCmpServer.port). */
  backendPort: number;
  /** PEM server certificate followed by its intermediates (TestPki `server.chain`). */
  certChain: string;
  key: string;
  /** When set, clients must present a certificate issued by these CAs (nginx `ssl_verify_client on`). */
  clientCa?: string;
  /** Default ['TLSv1.2', 'TLSv1.3']. */
  protocols?: readonly ('TLSv1.2' | 'TLSv1.3')[];
}

/** A running nginx that terminates TLS in front of the backend. */
export interface TlsTerminator {
  port: number;
  /** `https://localhost:<port>`; the TestPki server certificate also covers 127.0.0.1. */
  origin: string;
  /** Config, pid and logs live here. */
  dir: string;
  /** nginx's error log, e.g. to see why a client certificate was refused. */
  errorLog(): Promise<string>;
  /** Stops nginx, waits for it to exit, removes the directory. */
  stop(): Promise<void>;
}

function nginxConfig(dir: string, port: number, options: TlsTerminatorOptions): string {
  const clientAuth = options.clientCa ? `ssl_client_certificate ${options.clientCa};\n    ssl_verify_client on;\n    ssl_verify_depth 3;` : '';
  const backend = `http://127.0.0.1:${options.backendPort}`;
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${options.certChain};
    ssl_certificate_key ${options.key};
    ssl_protocols ${(options.protocols ?? ['TLSv1.2', 'TLSv1.3']).join(' ')};
    ${clientAuth}
    # openssl cmp -port serves only "/", so the RFC 9811 well-known paths are mapped onto it.
    location ~ ^/\\.well-known/cmp(/p/[^/]+)?$ {
      rewrite ^ / break;
      proxy_pass ${backend};
    }
    location / {
      proxy_pass ${backend};
    }
  }
  # Readiness: nginx answers here only after it has bound every listener, the TCP port included.
  server {
    listen unix:${readySocket(dir)};
    location / { return 204; }
  }
}
`;
}

function readySocket(dir: string): string {
  return path.join(dir, 'ready.sock');
}

/** Resolves once nginx answers on its private readiness socket; retries every 25 ms until timeoutMs. */
async function waitUntilServing(dir: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const served = await new Promise<boolean>((resolve) => {
      const request = http.get({ socketPath: readySocket(dir), path: '/' }, (response) => {
        response.resume();
        resolve(response.statusCode === 204);
      });
      request.once('error', () => resolve(false));
    });
    if (served) return;
    if (Date.now() > deadline) throw new Error(`nginx in ${dir} did not start serving within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** How often a port that another process took between freePort() and nginx's bind is replaced by a new one. */
const BIND_ATTEMPTS = 5;

/**
 * Starts nginx as an HTTPS front for a plain-HTTP backend, unprivileged: config, pid, temp and log files in a
 * temporary directory, `daemon off` and `master_process off`, so the child is nginx itself and stop() ends it.
 *
 * Readiness is an answer on a Unix socket in that directory, never a TCP probe of the port: a probe can reach
 * another server that took the same free port first (tests start several fronts at once), and nginx answers
 * only after binding all its listeners. When the port was taken, nginx exits and is started on a new port.
 *
 * nginx behaviour worth knowing in tests: a missing or unaccepted client certificate does not fail the TLS
 * handshake; nginx answers HTTP 400 ("No required SSL certificate was sent") instead. A backend that is down
 * gives HTTP 502 text/html.
 */
export async function startTlsTerminator(options: TlsTerminatorOptions): Promise<TlsTerminator> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startNginxOnce(options);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === BIND_ATTEMPTS) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startNginxOnce(options: TlsTerminatorOptions): Promise<TlsTerminator> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cmp-desk-nginx-'));
  const port = await freePort();
  const config = path.join(dir, 'nginx.conf');
  const errorLogFile = path.join(dir, 'error.log');
  await writeFile(config, nginxConfig(dir, port, options));
  const child = spawn('nginx', ['-p', dir, '-c', config, '-e', errorLogFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const errorLog = () => readFile(errorLogFile, 'utf8').catch(() => '');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const early = exited.then(async (code) => {
    const log = `${stderr}\n${await errorLog()}`;
    if (log.includes('Address already in use')) throw new PortTakenError(`port ${port} was taken before nginx bound it`);
    throw new Error(`nginx exited with ${code} before listening:\n${log}`);
  });
  try {
    await Promise.race([waitUntilServing(dir), early]);
  } catch (error) {
    await stop();
    throw error;
  }
  early.catch(() => undefined);
  return { port, origin: `https://localhost:${port}`, dir, errorLog, stop };
}
