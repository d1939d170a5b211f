import { TransportError, type TransportErrorCode } from './transport_error';

/** Certificate-path failures from OpenSSL/Node: the server's certificate does not chain to a trusted CA. */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_REJECTED',
]);

/** Ways a peer can drop a connection before a complete answer arrived. */
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function systemCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Chooses our category for a Node/OpenSSL error code, together with the sentence an administrator reads. */
function classify(systemCode: string | undefined, detail: string): { code: TransportErrorCode; what: string } {
  if (systemCode === undefined) return { code: 'connection-refused', what: `could not exchange a message (${detail})` };
  if (UNREACHABLE_CODES.has(systemCode)) return { code: 'connection-refused', what: `the connection was refused or the host is unreachable (${systemCode})` };
  if (systemCode === 'ENOTFOUND' || systemCode === 'EAI_AGAIN' || systemCode === 'EAI_FAIL') {
    return { code: 'dns', what: `the host name could not be resolved (${systemCode})` };
  }
  if (systemCode === 'ETIMEDOUT') return { code: 'timeout', what: 'the connection attempt timed out' };
  if (systemCode === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return { code: 'tls-hostname-mismatch', what: `the server's TLS certificate is not valid for this host name: ${detail}` };
  }
  if (UNTRUSTED_CODES.has(systemCode)) {
    return { code: 'tls-untrusted', what: `the server's TLS certificate is not trusted by the TLS profile's CA certificates (${systemCode}: ${detail})` };
  }
  const text = `${systemCode} ${detail}`;
  if (/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNKNOWN_CA|certificate required|handshake failure|bad certificate|unknown ca/i.test(text)) {
    return { code: 'tls-other', what: `the server rejected the TLS handshake; it may require a client certificate it accepts (${detail})` };
  }
  if (/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS|WRONG_VERSION|protocol version|unsupported protocol/i.test(text)) {
    return { code: 'tls-other', what: `no TLS version acceptable to both sides; check the TLS profile's minimum TLS version (${detail})` };
  }
  if (systemCode.startsWith('ERR_SSL') || systemCode.startsWith('ERR_TLS') || systemCode === 'EPROTO') {
    return { code: 'tls-other', what: `the TLS connection failed (${systemCode}: ${detail})` };
  }
  if (DROPPED_CODES.has(systemCode)) return { code: 'truncated', what: `the server closed the connection before sending a complete response (${systemCode})` };
  return { code: 'connection-refused', what: `could not exchange a message (${systemCode}: ${detail})` };
}

/** OpenSSL's 'write EPROTO 80..:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:…' -> 'tlsv1 alert protocol version'. */
function readable(message: string): string {
  const reason = /:SSL routines:[^:]*:([^:]+)/.exec(message);
  return (reason ? reason[1] : message).split('\n')[0].trim();
}

/**
 * Turns whatever node:http/https/tls raised into a TransportError naming the URL (`subject` says whose URL it is).
 * TransportErrors (e.g. from the proxy tunnel) pass through unchanged.
 */
export function toTransportError(error: unknown, url: string, subject = `CMP server ${url}`): TransportError {
  if (error instanceof TransportError) return error;
  const systemCode = systemCodeOf(error);
  const detail = readable(error instanceof Error ? error.message : String(error));
  const bind = bindFailure(error);
  const { code, what } = bind ? { code: 'source-address' as const, what: bindProblem(bind.address, bind.code, detail) } : classify(systemCode, detail);
  return new TransportError(code, `${subject}: ${what}`, { url, systemCode: bind?.code ?? systemCode, cause: error });
}

/**
 * Node reports a failed bind to the source address with syscall 'bind' and the address (inside an
 * AggregateError when it tried several server addresses). Told apart from connect failures,
 * because the fix is on this computer, not at the server.
 */
function bindFailure(error: unknown): { address: string; code: string } | undefined {
  const candidates = [error, ...(Array.isArray((error as { errors?: unknown } | null)?.errors) ? (error as { errors: unknown[] }).errors : [])];
  for (const candidate of candidates) {
    const { syscall, address } = (candidate ?? {}) as { syscall?: unknown; address?: unknown };
    if (syscall === 'bind' && typeof address === 'string') return { address, code: systemCodeOf(candidate) ?? 'bind failed' };
  }
  return undefined;
}

function bindProblem(address: string, code: string, detail: string): string {
  if (code === 'EADDRNOTAVAIL') return `the source address ${address} is not assigned to this computer (EADDRNOTAVAIL); choose an address of one of its network interfaces or clear the source address`;
  if (code === 'EINVAL' || code === 'EAFNOSUPPORT') return `could not send from the source address ${address} (${code}); it must be of the same IP version (IPv4 or IPv6) as the server's address`;
  return `could not send from the source address ${address} (${code}: ${detail})`;
}
