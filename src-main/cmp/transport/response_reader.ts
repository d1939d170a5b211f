import type http from 'node:http';
import { TransportError } from './transport_error';

const EXCERPT_BYTES = 200;

interface ReadLimits {
  url: string;
  maxBytes: number;
}

/** The media type without parameters, lower-cased ('Application/PKIXCMP; x=y' -> 'application/pkixcmp'). */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Printable start of a body, for error messages that show what the server sent instead of a PKIMessage. */
function excerptOf(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.subarray(0, EXCERPT_BYTES)).toString('utf8');
  return text.replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Accepts only `200` with `application/pkixcmp` and a body of at most maxBytes, counted while streaming so an
 * oversized answer is cut off rather than buffered. A connection that ends before Content-Length is reached is 'truncated'.
 */
export function readCmpResponse(response: http.IncomingMessage, limits: ReadLimits): Promise<Uint8Array> {
  const { url, maxBytes } = limits;
  const status = response.statusCode ?? 0;
  const contentType = response.headers['content-type'];
  const rejectWithExcerpt = status !== 200 || mediaType(contentType) !== 'application/pkixcmp';
  const declared = Number(response.headers['content-length']);
  if (!rejectWithExcerpt && Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge(url, maxBytes, `${declared} bytes announced`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const unexpected = () => {
      const excerpt = excerptOf(Buffer.concat(chunks));
      const shown = excerpt === '' ? '' : `: "${excerpt}"`;
      if (status !== 200) {
        return new TransportError('http-status', `CMP server ${url}: expected HTTP 200, got HTTP ${status} ${response.statusMessage ?? ''}`.trimEnd() + shown, {
          url, status, bodyExcerpt: excerpt, contentType,
        });
      }
      return new TransportError('content-type', `CMP server ${url}: expected HTTP 200 with application/pkixcmp, got HTTP 200 with ${contentType ?? 'no content type'}${shown}`, {
        url, status, bodyExcerpt: excerpt, contentType,
      });
    };
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
      if (rejectWithExcerpt && received >= EXCERPT_BYTES) {
        response.destroy();
        reject(unexpected());
      } else if (!rejectWithExcerpt && received > maxBytes) {
        response.destroy();
        reject(tooLarge(url, maxBytes, `more than ${maxBytes} bytes received`));
      }
    });
    response.on('end', () => {
      if (rejectWithExcerpt) {
        reject(unexpected());
        return;
      }
      const body = new Uint8Array(received);
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(body);
    });
    response.on('close', () => {
      if (response.complete) return;
      if (rejectWithExcerpt) reject(unexpected());
      else reject(new TransportError('truncated', `CMP server ${url}: the connection closed after ${received} bytes of the response${Number.isFinite(declared) ? ` (Content-Length ${declared})` : ''}`, { url }));
    });
    response.on('error', () => undefined);
  });
}

function tooLarge(url: string, maxBytes: number, what: string): TransportError {
  return new TransportError('too-large', `CMP server ${url}: the response exceeds the limit of ${maxBytes} bytes (${what})`, { url });
}
