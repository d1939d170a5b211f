import { AsnParser, AsnSerializer } from '@peculiar/asn1-schema';
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { decodeWithSchema } from '../../../../src-main/pki/asn1_codec/schema_decoder';
import { encodeWithSchema } from '../../../../src-main/pki/asn1_codec/schema_encoder';
import { PKIMessage } from '../../../../src-main/cmp/asn1/pki_message';
import { samples, shapedMutations } from './samples';

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');

describe('fast schema encoder', () => {
  it.each(samples.map((sample) => [sample.name, sample] as const))('re-encodes %s itself to the original DER, byte for byte what AsnSerializer writes', (_name, sample) => {
    const decoded = AsnParser.parse(sample.bytes, sample.type);
    const fast = encodeWithSchema(decoded);
    expect(hex(fast)).toBe(hex(AsnSerializer.serialize(decoded)));
    expect(hex(fast)).toBe(hex(sample.bytes));
  });

  it.each([0, 1, 5, 10, 120, 500, 999])('writes and reads a messageTime with %i ms exactly as asn1js does', (milliseconds) => {
    const message = AsnParser.parse(samples.find((sample) => sample.name === 'pkiconf_pbm.der')!.bytes, PKIMessage);
    message.header.messageTime = new Date(Date.UTC(2026, 10, 22, 8, 40, 7, milliseconds));
    const fast = encodeWithSchema(message);
    expect(hex(fast)).toBe(hex(AsnSerializer.serialize(message)));
    const decoded = decodeWithSchema(fast, PKIMessage);
    expect(decoded.header.messageTime?.getTime()).toBe(message.header.messageTime.getTime());
    expect(isDeepStrictEqual(decoded, AsnParser.parse(fast, PKIMessage))).toBe(true);
  });

  it('writes what AsnSerializer writes for objects decoded from mutated messages (1,000 seeded mutations)', () => {
    let compared = 0;
    const divergent: string[] = [];
    for (const { label, bytes } of shapedMutations(20_261_123, 1_000)) {
      let decoded: PKIMessage;
      try {
        decoded = AsnParser.parse(bytes, PKIMessage);
      } catch {
        continue;
      }
      let fast: Uint8Array;
      try {
        fast = encodeWithSchema(decoded);
      } catch {
        continue;
      }
      compared++;
      let slow: string;
      try {
        slow = hex(AsnSerializer.serialize(decoded));
      } catch (error) {
        slow = `AsnSerializer failed: ${(error as Error).message}`;
      }
      if (slow !== hex(fast)) divergent.push(`${label}: ${slow.slice(0, 80)}`);
    }
    expect(divergent).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  }, 120_000);
});
