import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabCaStoreError } from '../../../src-main/labca/errors';
import { SerialNumberAllocator, serialFromBytes, serialToBytes } from '../../../src-main/labca/serial_numbers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labca-serial-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SerialNumberAllocator', () => {
  it('never repeats a counter across reopenings, even without a clean shutdown', () => {
    const file = join(dir, 'serial');
    const seen = new Set<bigint>();
    for (let round = 0; round < 3; round++) {
      const allocator = SerialNumberAllocator.open(file);
      for (let i = 0; i < 300; i++) {
        const counter = allocator.allocate() >> 64n;
        expect(seen.has(counter)).toBe(false);
        seen.add(counter);
      }
    }
    expect(seen.size).toBe(900);
  });

  it('persists a reservation ahead of the serials it hands out', () => {
    const file = join(dir, 'serial');
    const allocator = SerialNumberAllocator.open(file);
    const counter = allocator.allocate() >> 64n;
    expect(BigInt(readFileSync(file, 'utf8').trim())).toBeGreaterThan(counter);
  });

  it('produces positive serials of at most 20 octets with a random part', () => {
    const allocator = SerialNumberAllocator.open(join(dir, 'serial'));
    const a = allocator.allocate();
    const b = allocator.allocate();
    expect(a & 0xffffffffffffffffn).not.toBe(b & 0xffffffffffffffffn);
    const bytes = serialToBytes(a);
    expect(bytes.length).toBeLessThanOrEqual(20);
    expect(bytes[0] & 0x80).toBe(0);
    expect(serialFromBytes(bytes)).toBe(a);
  });

  it('refuses a counter file it cannot read', () => {
    const file = join(dir, 'serial');
    writeFileSync(file, 'not a number');
    expect(() => SerialNumberAllocator.open(file)).toThrow(LabCaStoreError);
  });
});

describe('serialToBytes', () => {
  it('adds a leading zero when the top bit is set, as DER INTEGER requires', () => {
    expect(Buffer.from(serialToBytes(0x80n)).toString('hex')).toBe('0080');
    expect(Buffer.from(serialToBytes(0x7fn)).toString('hex')).toBe('7f');
  });
});
