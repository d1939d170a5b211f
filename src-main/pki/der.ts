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
