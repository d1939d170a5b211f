import { createHash } from 'node:crypto';

/**
 * The PKCS#12 key derivation function (RFC 7292 Appendix B.2). Still needed for the PKCS#12 MAC key
 * (every reader expects it there) and for the legacy pbeWithSHAAnd3-KeyTripleDES-CBC encryption.
 */

export type Pkcs12KdfPurpose = 'key' | 'iv' | 'mac';
const PURPOSE_ID: Record<Pkcs12KdfPurpose, number> = { key: 1, iv: 2, mac: 3 };
const BLOCK_BYTES: Record<string, number> = { sha1: 64, sha256: 64, sha512: 128 };

/** The password as PKCS#12 wants it: BMPString (UTF-16BE) with two trailing zero bytes. */
export function bmpPassword(password: string): Buffer {
  const bytes = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) bytes.writeUInt16BE(password.charCodeAt(i), i * 2);
  return bytes;
}

function repeatToMultiple(source: Buffer, blockBytes: number): Buffer {
  if (source.length === 0) return Buffer.alloc(0);
  const length = blockBytes * Math.ceil(source.length / blockBytes);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = source[i % source.length];
  return out;
}

export function pkcs12Kdf(
  hash: 'sha1' | 'sha256' | 'sha512',
  password: string,
  salt: Uint8Array,
  iterations: number,
  purpose: Pkcs12KdfPurpose,
  length: number,
): Buffer {
  const v = BLOCK_BYTES[hash];
  const D = Buffer.alloc(v, PURPOSE_ID[purpose]);
  const I = Buffer.concat([repeatToMultiple(Buffer.from(salt), v), repeatToMultiple(bmpPassword(password), v)]);
  const output: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    let A = createHash(hash).update(D).update(I).digest();
    for (let round = 1; round < iterations; round++) A = createHash(hash).update(A).digest();
    output.push(A);
    produced += A.length;
    if (produced >= length) break;
    const B = repeatToMultiple(A, v);
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    for (let offset = 0; offset < I.length; offset += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[offset + k] + B[k] + carry;
        I[offset + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(output).subarray(0, length);
}
