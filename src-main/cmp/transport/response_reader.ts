import type { ParsedResponse, ResponseHead } from './http1_response_parser';
import { TransportError } from './transport_error';

const EXCERPT_BYTES = 200;
/** Status line and headers of a CMP answer are a few hundred bytes; this leaves room for proxies and load balancers. */
export const CMP_RESPONSE_HEAD_LIMIT = 16 * 1024;

interface ReadLimits {
  url: string;
  maxBytes: number;
}

/** The media type without parameters, lower-cased ('Application/PKIXCMP; x=y' -> 'application/pkixcmp'). */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function isCmpAnswer(head: ResponseHead): boolean {
  return head.status === 200 && mediaType(head.headers.get('content-type')) === 'application/pkixcmp';
}

/** Printable start of a body, for error messages that show what the server sent instead of a PKIMessage. */
function excerptOf(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.subarray(0, EXCERPT_BYTES)).toString('utf8');
  return text.replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * How much of the body to read: a CMP answer up to maxBytes (more is cut off while it streams, never
 * buffered); anything else only as far as the excerpt an error message shows.
 */
export function responseBodyLimit(head: ResponseHead, maxBytes: number): number {
  return isCmpAnswer(head) ? maxBytes : EXCERPT_BYTES;
}

/** Accepts only `200` with `application/pkixcmp` and a body of at most maxBytes; anything else is a TransportError showing what came. */
export function cmpResponseBody(response: ParsedResponse, limits: ReadLimits): Uint8Array {
  const { url, maxBytes } = limits;
  const { head } = response;
  if (isCmpAnswer(head)) {
    if (response.kind === 'complete') return new Uint8Array(response.body.buffer, response.body.byteOffset, response.body.byteLength);
    const what = response.announced ? `${head.contentLength} bytes announced` : `more than ${maxBytes} bytes received`;
    throw new TransportError('too-large', `CMP server ${url}: the response exceeds the limit of ${maxBytes} bytes (${what})`, { url });
  }
  const contentType = head.headers.get('content-type');
  const excerpt = excerptOf(response.body);
  const shown = excerpt === '' ? '' : `: "${excerpt}"`;
  if (head.status !== 200) {
    throw new TransportError('http-status', `CMP server ${url}: expected HTTP 200, got HTTP ${head.status} ${head.reason}`.trimEnd() + shown, {
      url, status: head.status, bodyExcerpt: excerpt, contentType,
    });
  }
  throw new TransportError('content-type', `CMP server ${url}: expected HTTP 200 with application/pkixcmp, got HTTP 200 with ${contentType ?? 'no content type'}${shown}`, {
    url, status: head.status, bodyExcerpt: excerpt, contentType,
  });
}
