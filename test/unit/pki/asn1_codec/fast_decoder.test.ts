import { isDeepStrictEqual } from 'node:util';
import { AsnParser } from '@peculiar/asn1-schema';
import { describe, expect, it } from 'vitest';
import { decodeWithSchema } from '../../../../src-main/pki/asn1_codec/schema_decoder';
import { PKIMessage } from '../../../../src-main/cmp/asn1/pki_message';
import { vector } from '../../cmp/vectors';
import { samples, shapedMutations, type Decodable } from './samples';

function reference(bytes: Uint8Array, type: Decodable): { value?: unknown; error?: unknown } {
  try {
    return { value: AsnParser.parse(bytes, type) };
  } catch (error) {
    return { error };
  }
}

describe('fast schema decoder', () => {
  it.each(samples.map((sample) => [sample.name, sample] as const))('decodes %s itself, to exactly what AsnParser builds', (_name, sample) => {
    const fast = decodeWithSchema(sample.bytes, sample.type);
    const slow = reference(sample.bytes, sample.type);
    expect(slow.error).toBeUndefined();
    expect(isDeepStrictEqual(fast, slow.value)).toBe(true);
  });

  it('decodes from a view into a larger buffer (a Node Buffer from the pool) to values that hold only their own bytes', () => {
    const sample = samples.find((candidate) => candidate.name === 'ir_pbm_sha256.der')!;
    const pooled = Buffer.from(sample.bytes);
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    const fast = decodeWithSchema(pooled, PKIMessage);
    expect(fast.header.transactionID?.byteLength).toBe(16);
    expect(isDeepStrictEqual(fast, AsnParser.parse(sample.bytes, PKIMessage))).toBe(true);
  });

  it('never accepts a mutated message differently from AsnParser (1,000 seeded mutations)', () => {
    let compared = 0;
    const divergent: string[] = [];
    for (const { label, bytes } of shapedMutations(20_261_122, 1_000)) {
      let fast: unknown;
      try {
        fast = decodeWithSchema(bytes, PKIMessage);
      } catch {
        continue;
      }
      compared++;
      const slow = reference(bytes, PKIMessage);
      if (slow.error !== undefined || !isDeepStrictEqual(fast, slow.value)) divergent.push(`${label}: ${slow.error ?? 'different value'}`);
    }
    expect(divergent).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  }, 120_000);

  it('leaves what it does not cover to AsnParser instead of guessing (BER indefinite length)', () => {
    const der = vector('pkiconf_pbm.der');
    const ber = Uint8Array.from([0x30, 0x80, ...der.subarray(der[1] & 0x80 ? 2 + (der[1] & 0x7f) : 2), 0x00, 0x00]);
    expect(() => decodeWithSchema(ber, PKIMessage)).toThrow(/indefinite length/);
  });
});
