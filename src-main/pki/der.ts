/**
 * A minimal DER TLV reader. We need the exact signed bytes (tbsCertificate, certificationRequestInfo)
 * as they arrived: re-encoding a decoded structure may differ from what the signer signed.
 */

export interface Tlv {
  tag: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just after the last content byte. */
  end: number;
}

/** Reads one TLV with a single-byte tag at `offset`; undefined when the bytes do not hold a complete one. */
export function readTlv(bytes: Uint8Array, offset: number): Tlv | undefined {
  if (offset + 2 > bytes.length) return undefined;
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) return undefined;
  let length = bytes[offset + 1];
  let cursor = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || cursor + count > bytes.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[cursor + i];
    cursor += count;
  }
  const end = cursor + length;
  if (end > bytes.length) return undefined;
  return { tag, contentStart: cursor, end };
}

/**
 * For a DER SEQUENCE that fills `bytes` exactly, the raw bytes of its first element
 * (e.g. tbsCertificate of a Certificate). Undefined when the shape is wrong.
 */
export function firstElementOfSequence(bytes: Uint8Array): Uint8Array | undefined {
  const outer = readTlv(bytes, 0);
  if (!outer || outer.tag !== 0x30 || outer.end !== bytes.length) return undefined;
  const inner = readTlv(bytes, outer.contentStart);
  if (!inner) return undefined;
  return bytes.subarray(outer.contentStart, inner.end);
}

/** One DER TLV with a single-byte tag around `content` (the writing half of readTlv). */
export function derTlv(tag: number, content: readonly Uint8Array[]): Uint8Array {
  const length = content.reduce((sum, part) => sum + part.byteLength, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let offset = 1 + lengthBytes.length;
  for (const part of content) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** DER BIT STRING with no unused bits around `bytes` (signatures, MACs). */
export function derBitString(bytes: Uint8Array): Uint8Array {
  const content = new Uint8Array(bytes.byteLength + 1);
  content.set(bytes, 1);
  return derTlv(0x03, [content]);
}
