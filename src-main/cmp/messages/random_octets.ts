import { randomFillSync } from 'node:crypto';

/**
 * Fresh random octets from the OS CSPRNG for transactionIDs, nonces (RFC 9810 5.1.1: 128 bits) and
 * MAC salts. They are cut from a 4 KiB block filled at once, as node:crypto's randomUUID does: one
 * call into OpenSSL per 256 values instead of one per value, a noticeable part of a message's CPU.
 * Every octet is handed out once.
 */
const BLOCK_BYTES = 4096;
const block = Buffer.alloc(BLOCK_BYTES);
let offset = BLOCK_BYTES;

export function randomOctets(length = 16): Uint8Array {
  if (length > BLOCK_BYTES) return new Uint8Array(randomFillSync(Buffer.alloc(length)));
  if (offset + length > BLOCK_BYTES) {
    randomFillSync(block);
    offset = 0;
  }
  const octets = new Uint8Array(block.subarray(offset, offset + length));
  offset += length;
  return octets;
}
