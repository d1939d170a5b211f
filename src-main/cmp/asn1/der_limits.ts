/** Bounds applied to untrusted DER before any ASN.1 library sees it. */
export interface DerLimits {
  /** Largest accepted encoding in bytes. */
  maxBytes: number;
  /** Deepest accepted nesting of constructed elements. */
  maxDepth: number;
  /** Most TLV elements accepted in one encoding. */
  maxElements: number;
}

/** Generous for a CMP response with a few chains of certificates, small enough to bound memory and time. */
export const DEFAULT_DER_LIMITS: DerLimits = { maxBytes: 1024 * 1024, maxDepth: 48, maxElements: 50_000 };

/** Why untrusted bytes were refused, in words an administrator can pass on to the CA's operator. */
export type CmpDecodeFailure = 'empty' | 'too-large' | 'too-deep' | 'too-many-elements' | 'malformed-der' | 'trailing-data' | 'schema-mismatch';

/** The one error any CMP decoder throws: which structure, what was wrong. */
export class CmpDecodeError extends Error {
  override readonly name = 'CmpDecodeError';

  constructor(
    readonly structure: string,
    readonly failure: CmpDecodeFailure,
    detail: string,
  ) {
    super(`cannot decode ${structure}: ${failure}: ${detail}`);
  }
}

/**
 * Walks the TLV structure without building anything, so a hostile length or nesting is refused
 * before asn1js allocates for it. DER only: indefinite lengths are refused.
 */
export function checkDerShape(bytes: Uint8Array, structure: string, limits: DerLimits): void {
  if (bytes.length === 0) throw new CmpDecodeError(structure, 'empty', 'no bytes');
  if (bytes.length > limits.maxBytes) {
    throw new CmpDecodeError(structure, 'too-large', `${bytes.length} bytes, at most ${limits.maxBytes} accepted`);
  }
  const ends: number[] = [bytes.length];
  let offset = 0;
  let elements = 0;
  while (offset < bytes.length || ends.length > 1) {
    while (ends.length > 1 && offset === ends[ends.length - 1]) ends.pop();
    if (offset >= bytes.length) break;
    const parentEnd = ends[ends.length - 1];
    if (ends.length === 1 && elements > 0) {
      throw new CmpDecodeError(structure, 'trailing-data', `${bytes.length - offset} bytes after the end of the encoding`);
    }
    if (++elements > limits.maxElements) {
      throw new CmpDecodeError(structure, 'too-many-elements', `more than ${limits.maxElements} elements`);
    }
    const identifier = bytes[offset++];
    if ((identifier & 0x1f) === 0x1f) {
      let tagBytes = 0;
      while (offset < parentEnd && bytes[offset] & 0x80) {
        offset++;
        if (++tagBytes > 3) throw new CmpDecodeError(structure, 'malformed-der', `tag number too long at byte ${offset}`);
      }
      offset++;
    }
    if (offset >= parentEnd) throw new CmpDecodeError(structure, 'malformed-der', `truncated element at byte ${offset}`);
    const first = bytes[offset++];
    let length = first;
    if (first === 0x80) throw new CmpDecodeError(structure, 'malformed-der', `indefinite length at byte ${offset - 1} (DER required)`);
    if (first > 0x80) {
      const count = first & 0x7f;
      if (count > 4) throw new CmpDecodeError(structure, 'too-large', `length of ${count} bytes at byte ${offset - 1}`);
      length = 0;
      for (let i = 0; i < count; i++) {
        if (offset >= parentEnd) throw new CmpDecodeError(structure, 'malformed-der', `truncated length at byte ${offset}`);
        length = length * 256 + bytes[offset++];
      }
    }
    const end = offset + length;
    if (end > parentEnd) {
      throw new CmpDecodeError(structure, 'malformed-der', `element at byte ${offset} claims ${length} bytes, only ${parentEnd - offset} remain`);
    }
    if (identifier & 0x20) {
      if (ends.length > limits.maxDepth) throw new CmpDecodeError(structure, 'too-deep', `nesting deeper than ${limits.maxDepth}`);
      ends.push(end);
    } else {
      offset = end;
    }
  }
}
