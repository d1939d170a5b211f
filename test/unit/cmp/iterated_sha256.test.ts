import { createHash, hash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iterateSha256 } from '../../../src-main/cmp/protection/iterated_sha256';

/** The reference: node:crypto, one call per round. */
function iteratedByNode(digest: Uint8Array, rounds: number): Buffer {
  let value = Buffer.from(digest);
  for (let i = 0; i < rounds; i++) value = hash('sha256', value, 'buffer');
  return value;
}

describe('iterateSha256', () => {
  it.each([0, 1, 2, 3, 64, 499, 2047])('equals node:crypto applied %i times', (rounds) => {
    const start = createHash('sha256').update('bench-secret').update(Buffer.from('salt of the CA')).digest();
    expect(iterateSha256(start, rounds).toString('hex')).toBe(iteratedByNode(start, rounds).toString('hex'));
  });

  it('equals node:crypto for digests with every bit pattern the int32 arithmetic could get wrong', () => {
    const digests = [Buffer.alloc(32, 0x00), Buffer.alloc(32, 0xff), Buffer.alloc(32, 0x80), Buffer.alloc(32, 0x7f), ...Array.from({ length: 50 }, () => randomBytes(32))];
    for (const digest of digests) expect(iterateSha256(digest, 5).toString('hex'), digest.toString('hex')).toBe(iteratedByNode(digest, 5).toString('hex'));
  });

  it('reads a digest that is a view into a larger buffer and leaves it unchanged', () => {
    const backing = randomBytes(96);
    const view = backing.subarray(32, 64);
    const before = Buffer.from(view);
    expect(iterateSha256(view, 10).equals(iteratedByNode(before, 10))).toBe(true);
    expect(view.equals(before)).toBe(true);
  });

  it('refuses input that is not a 32-byte digest', () => {
    expect(() => iterateSha256(new Uint8Array(31), 1)).toThrow('iterateSha256 needs a 32-byte digest, got 31 bytes');
  });
});
