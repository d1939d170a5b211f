import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './ports';

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
}
`;
}

/**
 * Starts nginx as an HTTPS front for a plain-HTTP backend, unprivileged: config, pid, temp and log files in a
 * temporary directory, `daemon off` and `master_process off`, so the child is nginx itself and stop() ends it.
 * Resolves once the port accepts connections.
 *
 * nginx behaviour worth knowing in tests: a missing or unaccepted client certificate does not fail the TLS
 * handshake; nginx answers HTTP 400 ("No required SSL certificate was sent") instead. A backend that is down
 * gives HTTP 502 text/html.
 */
export async function startTlsTerminator(options: TlsTerminatorOptions): Promise<TlsTerminator> {
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
    throw new Error(`nginx exited with ${code} before listening:\n${stderr}\n${await errorLog()}`);
  });
  try {
    await Promise.race([waitForPort(port), early]);
  } catch (error) {
    await stop();
    throw error;
  }
  early.catch(() => undefined);
  return { port, origin: `https://localhost:${port}`, dir, errorLog, stop };
}
