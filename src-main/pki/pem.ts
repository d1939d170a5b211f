/**
 * PEM (RFC 7468) encoding and strict decoding. Decoding never throws: callers turn a bad block
 * into their own typed error naming the object they expected.
 */

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

export type PemBlockResult = { ok: true; label: string; block: PemBlock } | { ok: false; label: string; reason: string };

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 #-]+)-----/g;
const PEM_END = /-----END ([A-Z0-9 #-]+)-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** True when the bytes look like PEM text rather than DER. */
export function looksLikePem(input: string | Uint8Array): boolean {
  const head = typeof input === 'string' ? input.slice(0, 4096) : Buffer.from(input.subarray(0, 4096)).toString('latin1');
  return head.includes('-----BEGIN ');
}

/** Every PEM block in the text, in order; blocks whose base64 is broken are reported, not dropped. */
export function readPemBlocks(text: string): PemBlockResult[] {
  const results: PemBlockResult[] = [];
  for (const [label, body, endLabel] of pemMatches(text)) {
    if (label !== endLabel) {
      results.push({ ok: false, label, reason: `BEGIN ${label} is closed by END ${endLabel}` });
      continue;
    }
    if (body.includes(':')) {
      results.push({ ok: false, label, reason: 'the block has RFC 1421 headers, which are not allowed here' });
      continue;
    }
    const base64 = body.replace(/\s+/g, '');
    if (!BASE64.test(base64) || base64.length % 4 !== 0 || base64.length === 0) {
      results.push({ ok: false, label, reason: 'the block is not valid base64' });
      continue;
    }
    results.push({ ok: true, label, block: { label, der: new Uint8Array(Buffer.from(base64, 'base64')) } });
  }
  return results;
}

/**
 * BEGIN ... END pairs, each BEGIN closed by the first END after it. Linear in the text: a lazy
 * `BEGIN([\s\S]*?)END` regex rescans to the end of the text from every BEGIN that is never closed,
 * which made a hostile file of unclosed BEGIN lines take minutes.
 */
function* pemMatches(text: string): Generator<[label: string, body: string, endLabel: string]> {
  const beginPattern = new RegExp(PEM_BEGIN);
  const endPattern = new RegExp(PEM_END);
  for (let begin = beginPattern.exec(text); begin; begin = beginPattern.exec(text)) {
    endPattern.lastIndex = beginPattern.lastIndex;
    const end = endPattern.exec(text);
    if (!end) return;
    yield [begin[1], text.slice(beginPattern.lastIndex, end.index), end[1]];
    beginPattern.lastIndex = endPattern.lastIndex;
  }
}

/** PEM text for DER bytes, 64 characters per line, with a trailing newline. */
export function toPem(der: Uint8Array, label: string): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Text of PEM input given as bytes or string. */
export function pemText(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
}

/** Size in bytes of string or binary input, for enforcing limits before any parsing. */
export function inputSize(input: string | Uint8Array): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
}
