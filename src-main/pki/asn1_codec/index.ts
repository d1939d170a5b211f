import { AsnParser, AsnSerializer } from '@peculiar/asn1-schema';
import { decodeWithSchema } from './schema_decoder';
import { encodeWithSchema } from './schema_encoder';

export { decodeWithSchema } from './schema_decoder';
export { encodeWithSchema } from './schema_encoder';

/**
 * AsnConvert.parse, faster: the schema walker first, AsnParser for whatever it does not cover or
 * refuses (so the result, or the error, is AsnParser's).
 */
export function parseDer<T>(der: ArrayBuffer | ArrayBufferView, type: new () => T): T {
  const bytes = der instanceof Uint8Array ? der : ArrayBuffer.isView(der) ? new Uint8Array(der.buffer, der.byteOffset, der.byteLength) : new Uint8Array(der);
  try {
    return decodeWithSchema(bytes, type);
  } catch {
    return AsnParser.parse(bytes, type);
  }
}

/** AsnConvert.serialize, faster: the same bytes, from the schema walker or AsnSerializer. */
export function serializeDer(value: unknown): ArrayBuffer {
  try {
    return encodeWithSchema(value as object).buffer as ArrayBuffer;
  } catch {
    return AsnSerializer.serialize(value);
  }
}
