import { describe, expect, it } from 'vitest';
import { Http1FormatError, Http1ResponseParser, Http1TruncatedError, type Http1ParserLimits, type ParsedResponse } from '../../../../src-main/cmp/transport/http1_response_parser';

const limits: Http1ParserLimits = { maxHeadBytes: 1024, bodyLimit: () => 100 };

/** Feeds `text` in pieces of `size` bytes and returns the first result. */
function parse(text: string | Buffer, size = Number.MAX_SAFE_INTEGER, parserLimits = limits): ParsedResponse | undefined {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1');
  const parser = new Http1ResponseParser(parserLimits);
  for (let offset = 0; offset < bytes.length; offset += size) {
    const result = parser.feed(bytes.subarray(offset, offset + size));
    if (result) return result;
  }
  return undefined;
}

function complete(result: ParsedResponse | undefined) {
  expect(result?.kind).toBe('complete');
  return result as Extract<ParsedResponse, { kind: 'complete' }>;
}

const withLength = 'HTTP/1.1 200 OK\r\nContent-Type: application/pkixcmp\r\nContent-Length: 5\r\n\r\nhello';
const chunked = 'HTTP/1.1 200 OK\r\nContent-Type: application/pkixcmp\r\nTransfer-Encoding: chunked\r\n\r\n3;name=value\r\nhel\r\n2\r\nlo\r\n0\r\nX-Trailer: t\r\n\r\n';

describe('Http1ResponseParser', () => {
  it.each([1, 2, 3, 7, 1000])('reads a Content-Length response fed %i bytes at a time', (size) => {
    const response = complete(parse(withLength, size));
    expect(response.head.status).toBe(200);
    expect(response.head.headers.get('content-type')).toBe('application/pkixcmp');
    expect(response.body.toString()).toBe('hello');
    expect(response.reusable).toBe(true);
  });

  it.each([1, 2, 5, 1000])('reads a chunked response with extensions and trailers fed %i bytes at a time', (size) => {
    const response = complete(parse(chunked, size));
    expect(response.body.toString()).toBe('hello');
    expect(response.reusable).toBe(true);
  });

  it('skips 1xx answers before the real one', () => {
    expect(complete(parse(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n${withLength}`, 4)).body.toString()).toBe('hello');
  });

  it('says whether the connection can carry the next request', () => {
    expect(complete(parse(withLength.replace('OK\r\n', 'OK\r\nConnection: close\r\n'))).reusable).toBe(false);
    expect(complete(parse(withLength.replace('HTTP/1.1', 'HTTP/1.0'))).reusable).toBe(false);
    expect(complete(parse(withLength.replace('HTTP/1.1', 'HTTP/1.0').replace('OK\r\n', 'OK\r\nConnection: Keep-Alive\r\n'))).reusable).toBe(true);
    // Bytes nobody asked for follow the response.
    expect(complete(parse(`${withLength}HTTP/1.1 200 OK\r\n`)).reusable).toBe(false);
  });

  it('reads a body without framing until the connection closes, and never reuses that connection', () => {
    const parser = new Http1ResponseParser(limits);
    expect(parser.feed(Buffer.from('HTTP/1.0 200 OK\r\nContent-Type: application/pkixcmp\r\n\r\nab'))).toBeUndefined();
    expect(parser.feed(Buffer.from('cd'))).toBeUndefined();
    const response = complete(parser.finish());
    expect(response.body.toString()).toBe('abcd');
    expect(response.reusable).toBe(false);
  });

  it('stops at once when Content-Length announces more than the limit', () => {
    const result = parse('HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n');
    expect(result).toMatchObject({ kind: 'limited', announced: true });
    expect(result?.head.contentLength).toBe(101);
  });

  it('keeps exactly the limit of a streamed body that is longer', () => {
    const body = 'x'.repeat(150);
    const result = parse(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n96\r\n${body}\r\n0\r\n\r\n`, 10);
    expect(result).toMatchObject({ kind: 'limited', announced: false });
    expect(result?.body.length).toBe(100);
  });

  it('lets the caller choose the limit from the head', () => {
    const result = parse('HTTP/1.1 503 Busy\r\nContent-Type: text/plain\r\n\r\n' + 'y'.repeat(50), 1000, { maxHeadBytes: 1024, bodyLimit: (head) => (head.status === 200 ? 100 : 10) });
    expect(result).toMatchObject({ kind: 'limited', head: { status: 503, reason: 'Busy' } });
    expect(result?.body.toString()).toBe('y'.repeat(10));
  });

  it('reports where a connection closed too early', () => {
    const parser = new Http1ResponseParser(limits);
    parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    const error = (() => {
      try {
        parser.finish();
      } catch (e) {
        return e;
      }
    })() as Http1TruncatedError;
    expect(error).toBeInstanceOf(Http1TruncatedError);
    expect(error.message).toBe('the connection closed after 3 bytes of the response body (Content-Length 10)');
    expect(() => new Http1ResponseParser(limits).finish()).toThrow('the connection closed before a complete response head');
  });

  it.each([
    ['a status line of another protocol', 'ICY 200 OK\r\n\r\n', 'expected an HTTP/1.x status line, got "ICY 200 OK"'],
    ['HTTP/2 in clear text', 'HTTP/2 200\r\n\r\n', 'expected an HTTP/1.x status line'],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nbroken header\r\n\r\n', 'malformed header line "broken header"'],
    ['an obsolete folded header', 'HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\n\r\n', 'malformed header line'],
    ['two different Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n', 'invalid Content-Length "5, 6"'],
    ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', 'invalid Content-Length "-1"'],
    ['a compressed transfer coding', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n', 'unsupported Transfer-Encoding "gzip, chunked"'],
    ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'malformed chunk size line "zz"'],
    ['a chunk without its CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\naXY', 'a chunk is not followed by CRLF'],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parse(text)).toThrow(Http1FormatError);
    expect(() => parse(text)).toThrow(message);
  });

  it('refuses a head or a chunk-size line longer than the limits, without waiting for its end', () => {
    expect(() => parse(`HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(2000)}`)).toThrow('the response head exceeds 1024 bytes');
    expect(() => parse(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;${'e'.repeat(5000)}`)).toThrow('a chunk size line exceeds 4096 bytes');
  });

  it('treats 204 as having no body', () => {
    expect(complete(parse('HTTP/1.1 204 No Content\r\n\r\n')).body.length).toBe(0);
  });
});
