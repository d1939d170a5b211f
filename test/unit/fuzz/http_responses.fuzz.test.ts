import { describe, expect, it } from 'vitest';
import { Http1FormatError, Http1ResponseParser, Http1TruncatedError } from '../../../src-main/cmp/transport/http1_response_parser';
import { fuzz, keptCrashers, type FuzzTarget } from './fuzz_harness';
import { writeFuzzReport } from './fuzz_report';
import { FUZZ_SEED, seededRandom, SOAK, type Random } from './prng';

/** What a hostile or broken CMP server can answer over HTTP: our HTTP/1.1 reader must end in a typed error or a bounded response. */
const CASES = SOAK ? 50_000 : 3_000;
const BODY_LIMIT = 64;
const HEAD_LIMIT = 512;

const seeds = [
  'HTTP/1.1 200 OK\r\nContent-Type: application/pkixcmp\r\nContent-Length: 5\r\n\r\n0\x03\x02\x01\x07',
  'HTTP/1.0 200 OK\r\nContent-Type: application/pkixcmp\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\n0\x01\x00',
  'HTTP/1.1 200 OK\r\nContent-Type: application/pkixcmp\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\n0\x01\x00\r\n0\r\nTrailer: t\r\n\r\n',
  'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Busy\r\nContent-Type: text/plain\r\n\r\nCA in maintenance',
].map((text) => Buffer.from(text, 'latin1'));

/** One fuzz case: the bytes and how they are split into reads. */
interface Exchange {
  bytes: Uint8Array;
  cuts: number[];
}

const parserTarget: FuzzTarget<Exchange> = {
  name: 'http-response-parser',
  run: ({ bytes, cuts }) => {
    const parser = new Http1ResponseParser({ maxHeadBytes: HEAD_LIMIT, bodyLimit: () => BODY_LIMIT });
    let offset = 0;
    for (const cut of [...cuts, bytes.length]) {
      const result = parser.feed(Buffer.from(bytes.subarray(offset, Math.max(offset, cut))));
      offset = Math.max(offset, cut);
      if (result) return checkBounded(result.body.length);
    }
    return checkBounded(parser.finish().body.length);
  },
  isTyped: (error) => error instanceof Http1FormatError || error instanceof Http1TruncatedError,
  serialize: ({ bytes, cuts }) => Buffer.from(JSON.stringify({ bytes: Buffer.from(bytes).toString('base64'), cuts })),
  deserialize: (stored) => {
    const { bytes, cuts } = JSON.parse(Buffer.from(stored).toString()) as { bytes: string; cuts: number[] };
    return { bytes: new Uint8Array(Buffer.from(bytes, 'base64')), cuts };
  },
};

/** A body beyond the limit would mean a hostile server can make us buffer without bound: that is a crasher too. */
function checkBounded(bodyLength: number): number {
  if (bodyLength > BODY_LIMIT) throw new RangeError(`kept ${bodyLength} body bytes, limit ${BODY_LIMIT}`);
  return bodyLength;
}

function mutate(seed: Buffer, random: Random): { kind: string; bytes: Buffer } {
  const at = random.below(seed.length + 1);
  const span = 1 + random.below(16);
  switch (random.below(7)) {
    case 0:
      return { kind: 'flip', bytes: Buffer.from(seed.map((b, i) => (i === at ? b ^ (1 << random.below(8)) : b))) };
    case 1:
      return { kind: 'insert', bytes: Buffer.concat([seed.subarray(0, at), Buffer.from(random.bytes(span)), seed.subarray(at)]) };
    case 2:
      return { kind: 'delete', bytes: Buffer.concat([seed.subarray(0, at), seed.subarray(at + span)]) };
    case 3:
      return { kind: 'duplicate', bytes: Buffer.concat([seed.subarray(0, at + span), seed.subarray(at)]) };
    case 4:
      return { kind: 'truncate', bytes: seed.subarray(0, at) };
    case 5: {
      // Lengths are where framing bugs live: any run of digits or hex becomes another number.
      const text = seed.toString('latin1').replace(/\b[0-9a-fA-F]+\b/g, (digits) => (random.chance(0.5) ? String(random.below(1_000_000_000)) : digits));
      return { kind: 'numbers', bytes: Buffer.from(text, 'latin1') };
    }
    default: {
      const filler = Buffer.alloc(random.below(2048), random.pick([0x41, 0x0d, 0x0a, 0x3a, 0x20, 0x00]));
      return { kind: 'long-line', bytes: Buffer.concat([seed.subarray(0, at), filler, seed.subarray(at)]) };
    }
  }
}

function* cases(seed: number) {
  const random = seededRandom(seed);
  for (let i = 0; i < CASES; i++) {
    const first = mutate(random.pick(seeds), random);
    const bytes = random.chance(0.3) ? mutate(first.bytes, random).bytes : first.bytes;
    const kind = first.kind;
    const cuts = Array.from({ length: random.below(6) }, () => random.below(bytes.length + 1)).sort((a, b) => a - b);
    yield { input: { bytes: new Uint8Array(bytes), cuts }, label: `case ${i} ${kind}` };
  }
}

describe(`fuzz: the HTTP/1.1 response reader (${CASES} cases, seed ${FUZZ_SEED})`, () => {
  it('the unmutated seeds are read within the limits', () => {
    expect(seeds.map((bytes) => parserTarget.run({ bytes, cuts: [7, 20] }))).toEqual([5, 3, 3, 17]);
  });

  it('kept crashers still end in a typed error or a bounded response', () => {
    expect(fuzz(parserTarget, keptCrashers(parserTarget)).crashers).toEqual([]);
  });

  it('mutations end in Http1FormatError, Http1TruncatedError or a response within the body limit', { timeout: SOAK ? 3_600_000 : 60_000 }, () => {
    const stats = fuzz(parserTarget, cases(FUZZ_SEED + 300));
    process.stdout.write(writeFuzzReport('http-responses', [stats]));
    expect(stats.crashers).toEqual([]);
    expect(stats.cases).toBe(CASES);
    expect(stats.typedErrors).toBeGreaterThan(0);
    expect(stats.parsed).toBeGreaterThan(0);
  });
});
