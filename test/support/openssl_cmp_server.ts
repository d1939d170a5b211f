import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Options of the `openssl cmp -port` mock server (OpenSSL 3.0), in camelCase; file options are PEM paths.
 * See `openssl cmp -help`, section "Mock server options". Unset options are not passed.
 */
export interface OpensslCmpServerOptions {
  /** senderKID for PBM-protected responses (`-srv_ref`). */
  srvRef?: string;
  /** Shared secret for PBM protection, given as a plain value (passed as `-srv_secret pass:<value>`). */
  srvSecret?: string;
  /** Signer certificate and key for signature-protected responses. */
  srvCert?: string;
  srvKey?: string;
  /** Trust anchors for signature-protected requests; without them only PBM-protected (or unprotected, see below) requests work. */
  srvTrusted?: string;
  srvUntrusted?: string;
  /** The certificate every enrollment returns (required by OpenSSL). */
  rspCert: string;
  rspExtraCerts?: string;
  rspCaPubs?: string;
  pollCount?: number;
  checkAfter?: number;
  grantImplicitConf?: boolean;
  /** PKIStatus 0..6 in responses. */
  pkiStatus?: number;
  failure?: number;
  failureBits?: number;
  statusString?: string;
  /** Answer every request with an error message. */
  sendError?: boolean;
  sendUnprotected?: boolean;
  sendUnprotErr?: boolean;
  acceptUnprotected?: boolean;
  acceptUnprotErr?: boolean;
  acceptRaVerified?: boolean;
  /** Exit after this many messages (0 = never). */
  maxMsgs?: number;
  /** 3=ERR … 6=INFO (default) … 8=TRACE; what output() shows. */
  verbosity?: number;
  /** Anything else, appended verbatim. */
  extraArgs?: readonly string[];
}

/** A running mock server. */
export interface OpensslCmpServer {
  port: number;
  /** `http://127.0.0.1:<port>/` — the mock server accepts only the paths `/` and `/pkix/`. */
  url: string;
  pid: number;
  /** Everything the server printed so far (stdout and stderr interleaved), for assertions and failure messages. */
  output(): string;
  /** Settles with the exit code when the process ends (e.g. after -max_msgs). */
  exited: Promise<number | null>;
  /** Terminates the server (SIGTERM) and waits for it to end. Safe to call twice. */
  stop(): Promise<void>;
}

function argsFor(options: OpensslCmpServerOptions): string[] {
  const args = ['cmp', '-config', '', '-port', '0'];
  const value = (flag: string, v: string | number | undefined) => {
    if (v !== undefined) args.push(flag, String(v));
  };
  const flag = (name: string, on: boolean | undefined) => {
    if (on) args.push(name);
  };
  value('-srv_ref', options.srvRef);
  value('-srv_secret', options.srvSecret === undefined ? undefined : `pass:${options.srvSecret}`);
  value('-srv_cert', options.srvCert);
  value('-srv_key', options.srvKey);
  value('-srv_trusted', options.srvTrusted);
  value('-srv_untrusted', options.srvUntrusted);
  value('-rsp_cert', options.rspCert);
  value('-rsp_extracerts', options.rspExtraCerts);
  value('-rsp_capubs', options.rspCaPubs);
  value('-poll_count', options.pollCount);
  value('-check_after', options.checkAfter);
  flag('-grant_implicitconf', options.grantImplicitConf);
  value('-pkistatus', options.pkiStatus);
  value('-failure', options.failure);
  value('-failurebits', options.failureBits);
  value('-statusstring', options.statusString);
  flag('-send_error', options.sendError);
  flag('-send_unprotected', options.sendUnprotected);
  flag('-send_unprot_err', options.sendUnprotErr);
  flag('-accept_unprotected', options.acceptUnprotected);
  flag('-accept_unprot_err', options.acceptUnprotErr);
  flag('-accept_raverified', options.acceptRaVerified);
  value('-max_msgs', options.maxMsgs);
  value('-verbosity', options.verbosity);
  args.push(...(options.extraArgs ?? []));
  return args;
}

/**
 * Starts `openssl cmp -port 0` and resolves once it listens. Readiness is its own `ACCEPT [::]:<port> PID=<pid>`
 * line (printed after the socket is bound), not a TCP probe: the mock server serves one connection at a time and
 * would take a probe for a client.
 *
 * Quirks of the OpenSSL 3.0 mock server (seen with 3.0.22):
 * - `-port 0` works (the OS picks the port); `-port host:port` does not, it listens on all interfaces ([::], dual stack).
 * - One connection at a time: while a client holds a connection open, other clients wait in the backlog.
 * - Accepts only POST to `/` or `/pkix/` (else HTTP 404/400); the request Content-Type is not checked.
 * - Answers HTTP/1.0 with `Connection: keep-alive`, but closes the connection when the CMP transaction ends
 *   (e.g. after genp, pkiConf, error): a keep-alive client must retry a request that meets a closed reused socket.
 * - A body that is not a DER PKIMessage gets no HTTP response at all; the server waits until the client hangs up,
 *   then logs "Error parsing DER-encoded request content" and serves the next client.
 * - `-max_msgs N` ends the process after N requests; an unparsable request counts, and the exit code is 1 if the last failed.
 * - Nonces and transactionIDs are not checked for replay: the same genm can be sent again and again.
 */
export function startOpensslCmpServer(options: OpensslCmpServerOptions): Promise<OpensslCmpServer> {
  const child: ChildProcess = spawn('openssl', argsFor(options), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`openssl cmp -port did not start listening within 10 s:\n${output}`));
    }, 10_000);
    let listening = false;
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      // Once it listens, the log is only kept: searching the growing text again per line would cost the client CPU in benchmarks.
      if (listening) return;
      const ready = /ACCEPT \S*:(\d+) PID=/.exec(output);
      if (ready && child.pid !== undefined) {
        listening = true;
        clearTimeout(timer);
        const port = Number(ready[1]);
        resolve({ port, url: `http://127.0.0.1:${port}/`, pid: child.pid, output: () => output, exited, stop });
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`openssl cmp -port exited with ${code} before listening:\n${output}`));
    });
  });
}
