import { describe, expect, it } from 'vitest';
import { randomOctets } from '../../../src-main/cmp/messages/random_octets';

describe('randomOctets', () => {
  it('hands out every value once, across many refills of its block', () => {
    const seen = new Set<string>();
    // 4 KiB blocks of 16-octet values: 3,000 values span a dozen refills.
    for (let i = 0; i < 3000; i++) seen.add(Buffer.from(randomOctets()).toString('hex'));
    expect(seen.size).toBe(3000);
  });

  it('returns copies the caller may keep or change without touching later values', () => {
    const first = randomOctets(16);
    const kept = Buffer.from(first);
    first.fill(0);
    const later = randomOctets(16);
    expect(Buffer.from(later).equals(Buffer.alloc(16))).toBe(false);
    expect(kept.equals(Buffer.alloc(16))).toBe(false);
    expect(first.buffer).not.toBe(later.buffer);
  });

  it('gives the requested length, also longer than its block', () => {
    expect(randomOctets(1)).toHaveLength(1);
    expect(randomOctets(32)).toHaveLength(32);
    const long = randomOctets(10_000);
    expect(long).toHaveLength(10_000);
    expect(new Set(long).size).toBeGreaterThan(200);
  });
});
