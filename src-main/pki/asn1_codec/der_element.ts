/**
 * One TLV of a DER encoding, as offsets into the bytes it was read from: reading an element
 * allocates nothing but this record, which is what makes the fast decoder fast (asn1js builds a
 * dozen objects per element).
 */
export interface DerElement {
  /** 0 universal, 1 application, 2 context-specific, 3 private (the top two bits of the identifier). */
  tagClass: number;
  constructed: boolean;
  tagNumber: number;
  /** Offset of the identifier octet. */
  start: number;
  contentStart: number;
  /** Offset just past the content. */
  end: number;
}

export const UNIVERSAL = 0;
export const CONTEXT_SPECIFIC = 2;

/** Thrown when the bytes do not have the shape the fast decoder needs; the caller falls back to the full decoder. */
export class DerShapeError extends Error {
  override readonly name = 'DerShapeError';
}

/** Reads the element starting at `offset`, which must end by `limit`. Definite lengths only (DER). */
export function readElement(bytes: Uint8Array, offset: number, limit: number): DerElement {
  const start = offset;
  if (offset >= limit) throw new DerShapeError(`no element at byte ${offset}`);
  const identifier = bytes[offset++];
  let tagNumber = identifier & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let count = 0; ; count++) {
      if (offset >= limit || count === 4) throw new DerShapeError(`bad tag number at byte ${start}`);
      const octet = bytes[offset++];
      tagNumber = tagNumber * 128 + (octet & 0x7f);
      if ((octet & 0x80) === 0) break;
    }
  }
  if (offset >= limit) throw new DerShapeError(`truncated element at byte ${start}`);
  let length = bytes[offset++];
  if (length === 0x80) throw new DerShapeError(`indefinite length at byte ${start}`);
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || offset + count > limit) throw new DerShapeError(`bad length at byte ${start}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset++];
  }
  const end = offset + length;
  if (end > limit) throw new DerShapeError(`element at byte ${start} runs past its parent`);
  return { tagClass: identifier >> 6, constructed: (identifier & 0x20) !== 0, tagNumber, start, contentStart: offset, end };
}

/** The elements inside a constructed element, in order. */
export function childrenOf(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readElement(bytes, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}
