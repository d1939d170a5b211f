/**
 * SHA-256 applied to its own 32-byte output, `rounds` times: the stretching loop of
 * PasswordBasedMac (RFC 9810 5.1.3.1, OWF^iterationCount) with SHA-256, the default OWF.
 *
 * Why not node:crypto: one `hash()` call costs about 1 µs, almost all of it the call into C++ and a
 * new Buffer, while one SHA-256 compression costs a fraction of that. A PBM with 500 rounds is
 * most of the CPU a MAC-protected message costs, and every message from the CA brings a fresh salt,
 * so the key cannot be cached. Every round after the first hashes exactly one block (the previous
 * digest, then the fixed padding for 256 bits), so the state stays in int32 locals and a typed
 * array and the loop runs 2 to 4 times faster than calling node:crypto per round. The result is
 * checked against node:crypto in the unit tests.
 */

/** FIPS 180-4 4.2.2: the 64 round constants, as int32 so V8 keeps every value in a register. */
const ROUND_CONSTANTS = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
].map((constant) => constant | 0));

/** FIPS 180-4 5.3.3: the initial hash value. */
const INITIAL_STATE = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
].map((word) => word | 0));

const DIGEST_BYTES = 32;
/** The padding of a 32-byte message: a 1 bit right after it, then its length in bits (256). */
const PADDING_START = 0x80000000 | 0;
const MESSAGE_BITS = 256;

const schedule = new Int32Array(64);

/** Returns SHA-256 applied `rounds` times to `digest` (a 32-byte SHA-256 output); 0 rounds returns a copy. */
export function iterateSha256(digest: Uint8Array, rounds: number): Buffer {
  if (digest.length !== DIGEST_BYTES) throw new RangeError(`iterateSha256 needs a 32-byte digest, got ${digest.length} bytes`);
  const input = Buffer.from(digest.buffer, digest.byteOffset, DIGEST_BYTES);
  const state = new Int32Array(8);
  for (let i = 0; i < 8; i++) state[i] = input.readInt32BE(4 * i);
  for (let round = 0; round < rounds; round++) compressOneBlock(state);
  const output = Buffer.allocUnsafe(DIGEST_BYTES);
  for (let i = 0; i < 8; i++) output.writeInt32BE(state[i]!, 4 * i);
  return output;
}

/** Replaces `state` (the previous digest) with the SHA-256 of those 32 bytes: one padded block. */
function compressOneBlock(state: Int32Array): void {
  const w = schedule;
  for (let i = 0; i < 8; i++) w[i] = state[i]!;
  w[8] = PADDING_START;
  for (let i = 9; i < 15; i++) w[i] = 0;
  w[15] = MESSAGE_BITS;
  for (let i = 16; i < 64; i++) {
    const w15 = w[i - 15]!;
    const w2 = w[i - 2]!;
    const sigma0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const sigma1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    w[i] = (w[i - 16]! + sigma0 + w[i - 7]! + sigma1) | 0;
  }
  let a = INITIAL_STATE[0]!, b = INITIAL_STATE[1]!, c = INITIAL_STATE[2]!, d = INITIAL_STATE[3]!;
  let e = INITIAL_STATE[4]!, f = INITIAL_STATE[5]!, g = INITIAL_STATE[6]!, h = INITIAL_STATE[7]!;
  // FIPS 180-4 6.2.2 step 3, eight rounds per pass: instead of moving the values a..h along after
  // every round, their roles rotate through the variables. Each round computes
  // T1 = h + Σ1(e) + Ch(e, f, g) + K[i] + W[i], adds it to d, and makes h = T1 + Σ0(a) + Maj(a, b, c).
  for (let i = 0; i < 64; i += 8) {
    let t: number;
    t = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + ROUND_CONSTANTS[i]! + w[i]!) | 0;
    d = (d + t) | 0;
    h = (t + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    t = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + ((d & e) ^ (~d & f)) + ROUND_CONSTANTS[i + 1]! + w[i + 1]!) | 0;
    c = (c + t) | 0;
    g = (t + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (h & b) ^ (a & b))) | 0;
    t = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + ((c & d) ^ (~c & e)) + ROUND_CONSTANTS[i + 2]! + w[i + 2]!) | 0;
    b = (b + t) | 0;
    f = (t + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (g & a) ^ (h & a))) | 0;
    t = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + ((b & c) ^ (~b & d)) + ROUND_CONSTANTS[i + 3]! + w[i + 3]!) | 0;
    a = (a + t) | 0;
    e = (t + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (f & h) ^ (g & h))) | 0;
    t = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + ((a & b) ^ (~a & c)) + ROUND_CONSTANTS[i + 4]! + w[i + 4]!) | 0;
    h = (h + t) | 0;
    d = (t + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (e & g) ^ (f & g))) | 0;
    t = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + ((h & a) ^ (~h & b)) + ROUND_CONSTANTS[i + 5]! + w[i + 5]!) | 0;
    g = (g + t) | 0;
    c = (t + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (d & f) ^ (e & f))) | 0;
    t = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + ((g & h) ^ (~g & a)) + ROUND_CONSTANTS[i + 6]! + w[i + 6]!) | 0;
    f = (f + t) | 0;
    b = (t + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (c & e) ^ (d & e))) | 0;
    t = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + ((f & g) ^ (~f & h)) + ROUND_CONSTANTS[i + 7]! + w[i + 7]!) | 0;
    e = (e + t) | 0;
    a = (t + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (b & d) ^ (c & d))) | 0;
  }
  state[0] = (INITIAL_STATE[0]! + a) | 0;
  state[1] = (INITIAL_STATE[1]! + b) | 0;
  state[2] = (INITIAL_STATE[2]! + c) | 0;
  state[3] = (INITIAL_STATE[3]! + d) | 0;
  state[4] = (INITIAL_STATE[4]! + e) | 0;
  state[5] = (INITIAL_STATE[5]! + f) | 0;
  state[6] = (INITIAL_STATE[6]! + g) | 0;
  state[7] = (INITIAL_STATE[7]! + h) | 0;
}

