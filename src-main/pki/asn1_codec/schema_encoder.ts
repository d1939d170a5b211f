import { AsnTypeTypes, BitString, OctetString, type IAsnConverter } from '@peculiar/asn1-schema';
import { DerShapeError } from './der_element';
import { codecFor } from './converter_codecs';
import { bytesOf, lengthOctets, withUnusedBits } from './primitive_encodings';
import { defaultConverterOf, schemaOf, type SchemaItem, type TypeSchema } from './schema_storage';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- asn1-schema classes are read by property name
type AsnObject = Record<string, any>;
type ItemType = number | (new () => unknown);

const SEQUENCE = 0x30;
const SET = 0x31;
const CONTEXT_PRIMITIVE = 0x80;
const CONTEXT_CONSTRUCTED = 0xa0;

/**
 * Serialises an @peculiar/asn1-schema class instance by walking its schema, writing the very
 * bytes AsnSerializer.serialize writes (asn1js objects built and then encoded were most of our
 * encoding time). What it does not cover throws DerShapeError, and the caller serialises with
 * AsnSerializer instead.
 */
export function encodeWithSchema(value: object): Uint8Array {
  return encodeObject(value as AsnObject);
}

function encodeObject(value: AsnObject): Uint8Array {
  const type = value.constructor as new () => unknown;
  // Like AsnSerializer, an object that converts itself (IAsnConvertible, also set per object, e.g. the lab CA's pre-encoded values) is asked for its encoding.
  if (typeof value.toASN === 'function') {
    if (value.toASN === OctetString.prototype.toASN) return element(0x04, [bytesOf(value.buffer)]);
    if (value.toASN === BitString.prototype.toASN) return element(0x03, [withUnusedBits(value.unusedBits, bytesOf(value.value))]);
    return new Uint8Array((value.toASN() as { toBER(sizeOnly: boolean): ArrayBuffer }).toBER(false));
  }
  const schema = schemaOf(type);
  if (schema.itemType) {
    if (!Array.isArray(value)) throw new DerShapeError(`${type.name} is not an array`);
    const itemType = schema.itemType;
    const items = value.map((item: unknown) => encodeValue(itemType, item));
    return element(containerTag(schema), items);
  }
  if (schema.type === AsnTypeTypes.Choice) {
    for (const key in schema.items) {
      if (value[key] !== undefined) return encodeField(schema.items[key], value[key]);
    }
    throw new DerShapeError(`${type.name} has no alternative set`);
  }
  const fields: Uint8Array[] = [];
  for (const key in schema.items) {
    const item = schema.items[key];
    const field = value[key];
    if (field === undefined || isDefault(item, field)) continue;
    fields.push(encodeField(item, field));
  }
  return element(containerTag(schema), fields);
}

function isDefault(item: SchemaItem, field: unknown): boolean {
  if (item.defaultValue === undefined) return false;
  if (item.defaultValue === field) return true;
  if (typeof item.defaultValue !== 'object' || typeof field !== 'object' || item.defaultValue === null || field === null) return false;
  return sameBytes(encodeObject(item.defaultValue as AsnObject), encodeObject(field as AsnObject));
}

/** One schema item with its tagging: none, [n] EXPLICIT around the element, or [n] IMPLICIT replacing its tag. */
function encodeField(item: SchemaItem, field: unknown): Uint8Array {
  const untagged = encodeUntagged(item, field);
  if (item.context === undefined) return untagged;
  if (item.context > 30) throw new DerShapeError('context tag above 30');
  if (!item.implicit) return element(CONTEXT_CONSTRUCTED | item.context, [untagged]);
  const primitiveContent = !item.repeated && (typeof item.type === 'number' || isConvertible(item.type));
  if (primitiveContent && untagged[0] === 0x05) return element(CONTEXT_PRIMITIVE | item.context, []);
  if (!primitiveContent && (untagged[0] & 0x20) === 0) throw new DerShapeError('implicit tag on a primitive alternative');
  return element((primitiveContent ? CONTEXT_PRIMITIVE : CONTEXT_CONSTRUCTED) | item.context, [contentOf(untagged)]);
}

function encodeUntagged(item: SchemaItem, field: unknown): Uint8Array {
  if (item.repeated) {
    if (!Array.isArray(field)) throw new DerShapeError('repeated item is not an array');
    const items = field.map((entry: unknown) => encodeValue(item.type, entry, item.converter));
    return element(item.repeated === 'set' ? SET : SEQUENCE, items);
  }
  return encodeValue(item.type, field, item.converter);
}

function encodeValue(type: ItemType, value: unknown, converter?: IAsnConverter): Uint8Array {
  if (typeof type === 'number') {
    const codec = codecFor(converter ?? defaultConverterOf(type));
    const written = codec.write(value);
    return codec.tag === -1 ? written : element(codec.tag, [written]);
  }
  if (value === null || typeof value !== 'object') throw new DerShapeError('expected an object');
  return encodeObject(value as AsnObject);
}

function containerTag(schema: TypeSchema): number {
  if (schema.type === AsnTypeTypes.Sequence) return SEQUENCE;
  if (schema.type === AsnTypeTypes.Set) return SET;
  throw new DerShapeError('CHOICE used as a container');
}

/** The content octets of a DER element this encoder wrote (single-octet tag). */
function contentOf(encoded: Uint8Array): Uint8Array {
  if ((encoded[0] & 0x1f) === 0x1f) throw new DerShapeError('multi-octet tag under an implicit tag');
  const first = encoded[1];
  const headerLength = 2 + (first & 0x80 ? first & 0x7f : 0);
  return encoded.subarray(headerLength);
}

/** identifier, minimal definite length, content: DER's TLV. */
function element(identifier: number, parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const header = 1 + lengthOctets(length);
  const out = new Uint8Array(header + length);
  out[0] = identifier;
  if (length < 0x80) {
    out[1] = length;
  } else {
    out[1] = 0x80 | (header - 2);
    for (let i = header - 1, rest = length; i >= 2; i--, rest = Math.floor(rest / 256)) out[i] = rest & 0xff;
  }
  let offset = header;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** asn1-schema's isConvertible for a declared type: its prototype chain has toASN and fromASN. */
function isConvertible(type: new () => unknown): boolean {
  const prototype = type.prototype as { fromASN?: unknown; toASN?: unknown };
  return typeof prototype.toASN === 'function' && typeof prototype.fromASN === 'function';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((octet, i) => octet === b[i]);
}
