/**
 * Reads one HTTP/1.1 response (RFC 9112) from the bytes a CMP server sends, incrementally and with
 * limits, for the one kind of exchange RFC 9811 needs: a POST answered by a status, a few headers
 * and a DER body.
 *
 * Why not node:http: its request and response objects, header validation and event plumbing cost
 * more CPU per CMP message than everything else in our HTTP path together, and a CMP client needs
 * none of their generality. Everything here is bounded: the head by `maxHeadBytes`, the body by
 * the limit the caller picks after seeing the head, chunk-size lines by MAX_LINE_BYTES. Anything
 * outside the grammar is an Http1FormatError naming what came.
 */

/** The status line and headers. Header names are lower-cased; repeated headers are joined with ', '. */
export interface ResponseHead {
  status: number;
  reason: string;
  /** HTTP/1.0 peers close after every response unless they say keep-alive. */
  minorVersion: 0 | 1;
  headers: ReadonlyMap<string, string>;
  /** The body length the head announces, when it announces one with Content-Length. */
  contentLength?: number;
}

/** A response read to its end. `reusable` says whether the connection may carry the next request. */
export interface CompleteResponse {
  kind: 'complete';
  head: ResponseHead;
  body: Buffer;
  reusable: boolean;
}

/**
 * The body is longer than the caller's limit: reading stopped after `body` (at most the limit).
 * `announced` is set when Content-Length said so before any body byte came. The connection is spent.
 */
export interface LimitedResponse {
  kind: 'limited';
  head: ResponseHead;
  body: Buffer;
  announced: boolean;
}

export type ParsedResponse = CompleteResponse | LimitedResponse;

/** The bytes are not an HTTP/1.x response we can read. */
export class Http1FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Http1FormatError';
  }
}

/** The connection ended before the response did; says how far it got. */
export class Http1TruncatedError extends Error {
  constructor(
    message: string,
    readonly head: ResponseHead | undefined,
    readonly received: number,
  ) {
    super(message);
    this.name = 'Http1TruncatedError';
  }
}

export interface Http1ParserLimits {
  /** Largest status line plus headers accepted. */
  maxHeadBytes: number;
  /** How many body bytes to keep for this head; more makes the result 'limited'. */
  bodyLimit(head: ResponseHead): number;
}

/** A chunk-size line (hex size and extensions) or trailer line longer than this is refused. */
const MAX_LINE_BYTES = 4096;
const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: ([^\r\n]*))?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,8})[ \t]*(?:;.*)?$/;

type Framing = { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'until-close' };
type Phase = 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers';

export class Http1ResponseParser {
  private buffered: Buffer = Buffer.alloc(0);
  private phase: Phase = 'head';
  private head?: ResponseHead;
  private framing?: Framing;
  private limit = 0;
  private chunkRemaining = 0;
  private readonly body: Buffer[] = [];
  private received = 0;

  constructor(private readonly limits: Http1ParserLimits) {}

  /** Takes the next bytes from the connection; returns the response once it is read, else undefined. */
  feed(chunk: Buffer): ParsedResponse | undefined {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    for (;;) {
      const step = this.step();
      if (step === 'more') return undefined;
      if (step !== 'continue') return step;
    }
  }

  /** The peer closed the connection: a read-until-close body ends here, any other response is truncated. */
  finish(): ParsedResponse {
    if (this.phase === 'body' && this.framing?.kind === 'until-close' && this.head) {
      return { kind: 'complete', head: this.head, body: Buffer.concat(this.body), reusable: false };
    }
    const announced = this.head?.contentLength === undefined ? '' : ` (Content-Length ${this.head.contentLength})`;
    const what = this.head === undefined ? 'before a complete response head' : `after ${this.received} bytes of the response body${announced}`;
    throw new Http1TruncatedError(`the connection closed ${what}`, this.head, this.received);
  }

  private step(): ParsedResponse | 'more' | 'continue' {
    switch (this.phase) {
      case 'head':
        return this.readHead();
      case 'body':
        return this.readFramedBody();
      case 'chunk-size': {
        const line = this.takeLine('chunk size line');
        if (line === undefined) return 'more';
        const size = CHUNK_SIZE.exec(line);
        if (!size) throw new Http1FormatError(`malformed chunk size line "${printable(line)}"`);
        this.chunkRemaining = Number.parseInt(size[1]!, 16);
        this.phase = this.chunkRemaining === 0 ? 'trailers' : 'chunk-data';
        return 'continue';
      }
      case 'chunk-data': {
        if (this.buffered.length === 0) return 'more';
        const take = Math.min(this.chunkRemaining, this.buffered.length);
        const limited = this.keep(this.buffered.subarray(0, take));
        this.buffered = this.buffered.subarray(take);
        this.chunkRemaining -= take;
        if (limited) return limited;
        if (this.chunkRemaining === 0) this.phase = 'chunk-end';
        return 'continue';
      }
      case 'chunk-end': {
        if (this.buffered.length < 2) return 'more';
        if (!this.buffered.subarray(0, 2).equals(CRLF)) throw new Http1FormatError('a chunk is not followed by CRLF');
        this.buffered = this.buffered.subarray(2);
        this.phase = 'chunk-size';
        return 'continue';
      }
      case 'trailers': {
        const line = this.takeLine('trailer line');
        if (line === undefined) return 'more';
        return line === '' ? this.complete() : 'continue';
      }
    }
  }

  private readHead(): ParsedResponse | 'more' | 'continue' {
    const end = this.buffered.indexOf(HEAD_END);
    if (end < 0) {
      if (this.buffered.length > this.limits.maxHeadBytes) throw new Http1FormatError(`the response head exceeds ${this.limits.maxHeadBytes} bytes`);
      return 'more';
    }
    if (end > this.limits.maxHeadBytes) throw new Http1FormatError(`the response head exceeds ${this.limits.maxHeadBytes} bytes`);
    const head = parseHead(this.buffered.subarray(0, end).toString('latin1'));
    this.buffered = this.buffered.subarray(end + HEAD_END.length);
    // 1xx answers (100 Continue, 103 Early Hints) precede the real one.
    if (head.status >= 100 && head.status < 200) return 'continue';
    this.head = head;
    this.framing = framingOf(head);
    this.limit = this.limits.bodyLimit(head);
    if (this.framing.kind === 'length' && this.framing.remaining > this.limit) {
      return { kind: 'limited', head, body: Buffer.alloc(0), announced: true };
    }
    if (this.framing.kind === 'chunked') this.phase = 'chunk-size';
    else if (this.framing.kind === 'length' && this.framing.remaining === 0) return this.complete();
    else this.phase = 'body';
    return 'continue';
  }

  private readFramedBody(): ParsedResponse | 'more' {
    if (this.buffered.length === 0) return 'more';
    const framing = this.framing!;
    const take = framing.kind === 'length' ? Math.min(framing.remaining, this.buffered.length) : this.buffered.length;
    const limited = this.keep(this.buffered.subarray(0, take));
    this.buffered = this.buffered.subarray(take);
    if (limited) return limited;
    if (framing.kind === 'length') {
      framing.remaining -= take;
      if (framing.remaining === 0) return this.complete();
    }
    return 'more';
  }

  /** Keeps body bytes up to the limit; past it, reading stops with what was kept. */
  private keep(bytes: Buffer): LimitedResponse | undefined {
    const room = this.limit - this.received;
    this.received += bytes.length;
    if (bytes.length > room) {
      if (room > 0) this.body.push(bytes.subarray(0, room));
      return { kind: 'limited', head: this.head!, body: Buffer.concat(this.body), announced: false };
    }
    this.body.push(bytes);
    return undefined;
  }

  private complete(): CompleteResponse {
    const head = this.head!;
    const connection = (head.headers.get('connection') ?? '').toLowerCase();
    const reusable = head.minorVersion === 1 ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    // Bytes after a complete response were never asked for: the connection cannot be trusted again.
    return { kind: 'complete', head, body: Buffer.concat(this.body), reusable: reusable && this.buffered.length === 0 };
  }

  private takeLine(what: string): string | undefined {
    const end = this.buffered.indexOf(CRLF);
    if (end < 0) {
      if (this.buffered.length > MAX_LINE_BYTES) throw new Http1FormatError(`a ${what} exceeds ${MAX_LINE_BYTES} bytes`);
      return undefined;
    }
    if (end > MAX_LINE_BYTES) throw new Http1FormatError(`a ${what} exceeds ${MAX_LINE_BYTES} bytes`);
    const line = this.buffered.subarray(0, end).toString('latin1');
    this.buffered = this.buffered.subarray(end + CRLF.length);
    return line;
  }
}

/** 'HTTP/1.1 200 OK' -> its parts; undefined for anything that is not an HTTP/1.x status line. */
export function readStatusLine(line: string): { status: number; reason: string; minorVersion: 0 | 1 } | undefined {
  const parts = STATUS_LINE.exec(line);
  return parts ? { status: Number(parts[2]), reason: parts[3] ?? '', minorVersion: parts[1] === '1' ? 1 : 0 } : undefined;
}

function parseHead(text: string): ResponseHead {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const status = readStatusLine(statusLine);
  if (!status) throw new Http1FormatError(`expected an HTTP/1.x status line, got "${printable(statusLine)}"`);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const header = HEADER_LINE.exec(line);
    if (!header) throw new Http1FormatError(`malformed header line "${printable(line)}"`);
    const name = header[1]!.toLowerCase();
    const known = headers.get(name);
    headers.set(name, known === undefined ? header[2]! : `${known}, ${header[2]!}`);
  }
  const head: ResponseHead = { ...status, headers };
  const length = headers.get('content-length');
  if (length !== undefined) {
    // Repeated identical values are allowed (RFC 9110 8.6); different ones make the framing ambiguous.
    const values = new Set(length.split(',').map((v) => v.trim()));
    const [only] = values;
    if (values.size !== 1 || !/^\d{1,15}$/.test(only!)) throw new Http1FormatError(`invalid Content-Length "${printable(length)}"`);
    head.contentLength = Number(only);
  }
  return head;
}

/** RFC 9112 6.3: chunked wins over Content-Length; without either the body runs until the connection closes. */
function framingOf(head: ResponseHead): Framing {
  if (head.status === 204 || head.status === 304) return { kind: 'length', remaining: 0 };
  const transferEncoding = head.headers.get('transfer-encoding');
  if (transferEncoding !== undefined) {
    const codings = transferEncoding.split(',').map((c) => c.trim().toLowerCase());
    if (codings.at(-1) !== 'chunked') throw new Http1FormatError(`unsupported Transfer-Encoding "${printable(transferEncoding)}"`);
    if (codings.length > 1) throw new Http1FormatError(`unsupported Transfer-Encoding "${printable(transferEncoding)}" (only chunked)`);
    return { kind: 'chunked' };
  }
  if (head.contentLength !== undefined) return { kind: 'length', remaining: head.contentLength };
  return { kind: 'until-close' };
}

function printable(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return shown.replace(/[^\x20-\x7e]/g, '?');
}
