import { AsnTypeTypes, BitString, OctetString, type IAsnConverter } from '@peculiar/asn1-schema';
import { defaultConverterOf, schemaOf, type SchemaItem, type TypeSchema } from './schema_storage';
import { childrenOf, CONTEXT_SPECIFIC, DerShapeError, readElement, UNIVERSAL, type DerElement } from './der_element';
import { codecFor } from './converter_codecs';
import { UNIVERSAL_TAG } from './primitive_values';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- asn1-schema classes are built and filled by property name
type AsnClass = new () => any;
type ArrayClass = AsnClass & { from(items: unknown[]): unknown };
type ItemType = number | AsnClass;

const SEQUENCE = 16;
const SET = 17;

/**
 * Decodes DER into an @peculiar/asn1-schema class by walking the class's own schema over the raw
 * TLVs, producing the same object AsnParser.parse would. asn1js, which AsnParser runs first,
 * builds a dozen objects per TLV and made decoding most of a CMP client's CPU time.
 *
 * Elements are matched by tag, which is exact for every module whose optional components have
 * distinct tags (X.680 requires it). Anything outside what this walker covers (BER forms, custom
 * converters, SET types, implicitly tagged CHOICEs, unusual time formats) throws DerShapeError,
 * and so does a mismatch: the caller then lets AsnParser decide, so every accepted or refused
 * input keeps asn1-schema's answer. The walker checks every length against its parent; size,
 * depth and element limits on untrusted bytes are checkDerShape's job (decodeDer runs it first).
 */
export function decodeWithSchema<T>(input: Uint8Array, type: new () => T): T {
  // A Node Buffer's subarray().slice() would share its (pooled) memory: values and raw views must be plain Uint8Arrays.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const element = readElement(bytes, 0, bytes.length);
  if (element.end !== bytes.length) throw new DerShapeError('trailing bytes');
  return decodeValue(bytes, type as AsnClass, element) as T;
}

function decodeValue(bytes: Uint8Array, type: ItemType, element: DerElement, converter?: IAsnConverter): unknown {
  if (typeof type === 'number') {
    if (!matchesType(type, element)) throw new DerShapeError(`expected ASN.1 type ${type}`);
    return codecFor(converter ?? defaultConverterOf(type)).read(bytes, element);
  }
  const convertible = convertibleKind(type);
  if (convertible) {
    if (!matchesType(type, element)) throw new DerShapeError(`expected ${type.name}`);
    return readConvertible(bytes, type, convertible, element);
  }
  return decodeStructure(bytes, type, schemaOf(type), element, false);
}

function decodeStructure(bytes: Uint8Array, type: AsnClass, schema: TypeSchema, element: DerElement, implicitlyTagged: boolean): unknown {
  if (schema.type === AsnTypeTypes.Choice) {
    if (implicitlyTagged) throw new DerShapeError('implicitly tagged CHOICE');
    return decodeChoice(bytes, type, schema, element);
  }
  if (!implicitlyTagged && !isUniversalConstructed(element, schema.type === AsnTypeTypes.Set ? SET : SEQUENCE)) {
    throw new DerShapeError(`expected ${type.name}`);
  }
  const children = childrenOf(bytes, element);
  if (isArrayClass(type)) {
    const itemType = schema.itemType;
    return (type as ArrayClass).from(children.map((child) => decodeValue(bytes, itemType, child)));
  }
  if (schema.type !== AsnTypeTypes.Sequence) throw new DerShapeError('SET type');
  return decodeSequence(bytes, type, schema, children);
}

function decodeSequence(bytes: Uint8Array, type: AsnClass, schema: TypeSchema, children: DerElement[]): unknown {
  const result = new type();
  let next = 0;
  for (const key in schema.items) {
    const item = schema.items[key];
    const child = children[next];
    if (child && matchesItem(item, child)) {
      assign(bytes, result, key, item, child);
      next++;
    } else if (!item.optional && item.defaultValue === undefined) {
      throw new DerShapeError(`${type.name}.${key} missing`);
    }
  }
  if (next !== children.length) throw new DerShapeError(`${type.name} has unexpected elements`);
  return result;
}

function decodeChoice(bytes: Uint8Array, type: AsnClass, schema: TypeSchema, element: DerElement): unknown {
  for (const key in schema.items) {
    const item = schema.items[key];
    if (matchesItem(item, element)) {
      const result = new type();
      assign(bytes, result, key, item, element);
      return result;
    }
  }
  throw new DerShapeError(`no alternative of ${type.name} matches`);
}

/** Sets result[key] (and result[key + 'Raw'] for raw items, as asn1-schema does) from the element carrying the item. */
function assign(bytes: Uint8Array, result: Record<string, unknown>, key: string, item: SchemaItem, element: DerElement): void {
  const explicit = item.context !== undefined && !item.implicit;
  const inner = explicit ? onlyChild(bytes, element) : element;
  const value = item.context !== undefined && item.implicit ? decodeImplicit(bytes, item, element) : decodeUntagged(bytes, item, inner);
  // asn1-schema leaves a repeated item that holds no element unset, as if it were absent.
  if (item.repeated && (value as unknown[]).length === 0) return;
  result[key] = value;
  if (item.raw && !item.repeated && typeof item.type !== 'number' && !convertibleKind(item.type)) {
    result[`${key}Raw`] = bytes.subarray(inner.start, inner.end);
  }
}

function decodeUntagged(bytes: Uint8Array, item: SchemaItem, element: DerElement): unknown {
  if (item.repeated && !isUniversalConstructed(element, item.repeated === 'set' ? SET : SEQUENCE)) throw new DerShapeError('expected SEQUENCE OF or SET OF');
  if (item.repeated) return childrenOf(bytes, element).map((child) => decodeValue(bytes, item.type, child, item.converter));
  return decodeValue(bytes, item.type, element, item.converter);
}

/** [n] IMPLICIT: the tag replaces the type's own, the content is the type's content. */
function decodeImplicit(bytes: Uint8Array, item: SchemaItem, element: DerElement): unknown {
  const type = item.type;
  if (item.repeated) return childrenOf(bytes, element).map((child) => decodeValue(bytes, type, child, item.converter));
  if (typeof type === 'number') return codecFor(item.converter ?? defaultConverterOf(type)).read(bytes, element);
  const convertible = convertibleKind(type);
  if (convertible) return readConvertible(bytes, type, convertible, element);
  return decodeStructure(bytes, type, schemaOf(type), element, true);
}

function onlyChild(bytes: Uint8Array, element: DerElement): DerElement {
  const children = childrenOf(bytes, element);
  if (children.length !== 1) throw new DerShapeError('explicit tag must hold one element');
  return children[0];
}

function matchesItem(item: SchemaItem, element: DerElement): boolean {
  if (item.context !== undefined) {
    if (element.tagClass !== CONTEXT_SPECIFIC || element.tagNumber !== item.context) return false;
    const primitiveContent = item.implicit && !item.repeated && (typeof item.type === 'number' || convertibleKind(item.type) !== undefined);
    return element.constructed === !primitiveContent;
  }
  if (item.repeated) return isUniversalConstructed(element, item.repeated === 'set' ? SET : SEQUENCE);
  return matchesType(item.type, element);
}

function matchesType(type: ItemType, element: DerElement): boolean {
  if (typeof type === 'number') {
    if (type === 1 /* AsnPropTypes.Any */) return true;
    const tag = UNIVERSAL_TAG[type as keyof typeof UNIVERSAL_TAG];
    if (tag === undefined) throw new DerShapeError(`ASN.1 type ${type} without a fast reader`);
    return isUniversal(element, tag);
  }
  const convertible = convertibleKind(type);
  if (convertible) return isUniversal(element, convertible === 'octets' ? 4 : 3);
  const schema = schemaOf(type);
  if (schema.type === AsnTypeTypes.Choice) {
    for (const key in schema.items) if (matchesItem(schema.items[key], element)) return true;
    return false;
  }
  return isUniversalConstructed(element, schema.type === AsnTypeTypes.Set ? SET : SEQUENCE);
}

/** A primitive universal element with this tag; the constructed (BER) form of a string type is left to asn1js. */
function isUniversal(element: DerElement, tag: number): boolean {
  if (element.tagClass !== UNIVERSAL || element.tagNumber !== tag) return false;
  if (element.constructed) throw new DerShapeError('constructed encoding of a primitive type');
  return true;
}

function isUniversalConstructed(element: DerElement, tag: number): boolean {
  return element.tagClass === UNIVERSAL && element.tagNumber === tag && element.constructed;
}

/** Per class, what convertibleKind found: classes are few and decoded again and again. */
const convertibleKinds = new WeakMap<AsnClass, 'octets' | 'bits' | 'none' | 'self'>();

/** asn1-schema's OctetString and BitString classes and subclasses that keep their fromASN (KeyUsage, KeyIdentifier, ...). */
function convertibleKind(type: AsnClass): 'octets' | 'bits' | undefined {
  let kind = convertibleKinds.get(type);
  if (kind === undefined) {
    const prototype = type.prototype as { fromASN?: unknown; toASN?: unknown };
    if (typeof prototype.fromASN !== 'function' || typeof prototype.toASN !== 'function') kind = 'none';
    else if (prototype.fromASN === OctetString.prototype.fromASN) kind = 'octets';
    else if (prototype.fromASN === BitString.prototype.fromASN) kind = 'bits';
    else kind = 'self';
    convertibleKinds.set(type, kind);
  }
  if (kind === 'self') throw new DerShapeError(`${type.name} converts itself`);
  return kind === 'none' ? undefined : kind;
}

function readConvertible(bytes: Uint8Array, type: AsnClass, kind: 'octets' | 'bits', element: DerElement): unknown {
  const octets = bytes.subarray(element.contentStart, element.end);
  const value = new type();
  if (kind === 'octets') {
    value.buffer = octets.slice().buffer;
  } else {
    if (octets.length === 0 || octets[0] > 7) throw new DerShapeError('BIT STRING form');
    value.unusedBits = octets[0];
    value.value = octets.slice(1).buffer;
  }
  return value;
}

const arrayClasses = new WeakMap<AsnClass, boolean>();

function isArrayClass(type: AsnClass): boolean {
  let isArray = arrayClasses.get(type);
  if (isArray === undefined) {
    isArray = type.prototype instanceof Array;
    arrayClasses.set(type, isArray);
  }
  return isArray;
}

