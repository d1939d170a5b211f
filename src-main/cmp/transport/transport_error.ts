/** What went wrong in a CMP exchange, in the categories an administrator can act on. */
export type TransportErrorCode =
  | 'connection-refused'
  /** This computer could not send from the configured source address (CmpServer.sourceAddress). */
  | 'source-address'
  | 'dns'
  | 'timeout'
  | 'tls-untrusted'
  | 'tls-hostname-mismatch'
  | 'tls-other'
  | 'http-status'
  | 'content-type'
  | 'too-large'
  | 'truncated'
  | 'aborted'
  | 'closed'
  | 'all-servers-failed';

/** Extra facts carried by some codes. */
export interface TransportErrorDetails {
  /** The CMP server URL the exchange was meant for. */
  url?: string;
  /** HTTP status for 'http-status'. */
  status?: number;
  /** The first bytes of an unexpected response body, as text, for 'http-status' and 'content-type'. */
  bodyExcerpt?: string;
  /** The Content-Type received, for 'content-type'. */
  contentType?: string;
  /** The Node/OpenSSL error behind the failure, e.g. 'ECONNREFUSED' or 'ERR_TLS_CERT_ALTNAME_INVALID'. */
  systemCode?: string;
  cause?: unknown;
}

/**
 * The one error type a CmpTransport rejects with. `message` names the URL, what was expected and what came,
 * so it can be shown to an administrator as it is.
 */
export class TransportError extends Error {
  readonly code: TransportErrorCode;
  readonly url?: string;
  readonly status?: number;
  readonly bodyExcerpt?: string;
  readonly contentType?: string;
  readonly systemCode?: string;

  constructor(code: TransportErrorCode, message: string, details: TransportErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'TransportError';
    this.code = code;
    this.url = details.url;
    this.status = details.status;
    this.bodyExcerpt = details.bodyExcerpt;
    this.contentType = details.contentType;
    this.systemCode = details.systemCode;
  }
}

/** One server's failure inside a ServerGroupError. */
export interface ServerFailure {
  server: string;
  error: TransportError;
}

/** Every server of a group failed the same exchange; `failures` lists them in the order they were tried. */
export class ServerGroupError extends TransportError {
  readonly failures: readonly ServerFailure[];

  constructor(groupName: string, failures: readonly ServerFailure[]) {
    const lines = failures.map((f) => `  ${f.server}: [${f.error.code}] ${f.error.message}`);
    super('all-servers-failed', `All ${failures.length} CMP servers of group '${groupName}' failed:\n${lines.join('\n')}`);
    this.name = 'ServerGroupError';
    this.failures = failures;
  }
}
