import { childrenOf, DerShapeError, readElement, type DerElement } from './der_element';
import { checkOpaque } from './primitive_values';

/**
 * What @peculiar/asn1-schema's converters write: the exact content octets asn1js's toBER produces
 * for the value each converter's toASN builds (converter_codecs.ts pairs each converter with its
 * writer; test/unit/pki/asn1_codec compares them). A value outside what is covered here throws
 * DerShapeError and AsnSerializer serialises instead.
 */
export type WriteValue = (value: unknown) => Uint8Array;

const utf8 = new TextEncoder();

export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new DerShapeError('expected bytes');
}

/** Minimal two's complement, as asn1js writes a number or bigint. */
export function twosComplement(value: bigint): Uint8Array {
  const octets: number[] = [];
  let rest = value;
  for (;;) {
    const octet = Number(rest & 0xffn);
    octets.unshift(octet);
    rest >>= 8n;
    if ((rest === 0n && (octet & 0x80) === 0) || (rest === -1n && (octet & 0x80) !== 0)) break;
  }
  return Uint8Array.from(octets);
}

export function integerValue(value: unknown): bigint {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new DerShapeError('INTEGER outside the safe range');
  return BigInt(number);
}

/** OIDs repeat in every message (algorithms, attribute types, extensions): each is encoded once. */
const encodedIdentifiers = new Map<string, Uint8Array>();
const MAX_REMEMBERED_IDENTIFIERS = 4096;

export function objectIdentifier(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new DerShapeError('OBJECT IDENTIFIER form');
  let encoded = encodedIdentifiers.get(value);
  if (encoded === undefined) {
    encoded = encodeObjectIdentifier(value);
    if (encodedIdentifiers.size < MAX_REMEMBERED_IDENTIFIERS) encodedIdentifiers.set(value, encoded);
  }
  return encoded;
}

function encodeObjectIdentifier(value: string): Uint8Array {
  if (!/^[0-2](\.\d+)+$/.test(value)) throw new DerShapeError('OBJECT IDENTIFIER form');
  const arcs = value.split('.').map(Number);
  if (arcs.some((arc) => !Number.isSafeInteger(arc)) || (arcs[0] < 2 && arcs[1] >= 40)) throw new DerShapeError('OBJECT IDENTIFIER arc');
  const octets: number[] = [];
  const subidentifiers = [arcs[0] * 40 + arcs[1], ...arcs.slice(2)];
  for (const subidentifier of subidentifiers) {
    const group: number[] = [subidentifier % 128];
    for (let rest = Math.floor(subidentifier / 128); rest > 0; rest = Math.floor(rest / 128)) group.unshift((rest % 128) | 0x80);
    octets.push(...group);
  }
  return Uint8Array.from(octets);
}

/** The 8-bit string types: asn1js writes each character's code, so only codes up to 255 are covered. */
export function latin1(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new DerShapeError('expected a string');
  const octets = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0xff) throw new DerShapeError('character beyond 8 bits');
    octets[i] = code;
  }
  return octets;
}

export function bmp(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new DerShapeError('expected a string');
  const octets = new Uint8Array(value.length * 2);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    octets[2 * i] = code >> 8;
    octets[2 * i + 1] = code & 0xff;
  }
  return octets;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

function dateOf(value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new DerShapeError('expected a valid Date');
  return value;
}

/** YYMMDDHHMMSSZ for 1950..2049, the years UTCTime can hold unambiguously. */
export function utcTime(value: unknown): Uint8Array {
  const date = dateOf(value);
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new DerShapeError('UTCTime year');
  const text = `${two(year % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return latin1(text);
}

/** YYYYMMDDHHMMSS[.fff]Z as asn1js writes it: milliseconds only when not zero, without trailing zeros. */
export function generalizedTime(value: unknown): Uint8Array {
  const date = dateOf(value);
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new DerShapeError('GeneralizedTime year');
  const milliseconds = date.getUTCMilliseconds();
  const fraction = milliseconds === 0 ? '' : `.${String(milliseconds).padStart(3, '0').replace(/0+$/, '')}`;
  const text = `${String(year).padStart(4, '0')}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}${fraction}Z`;
  return latin1(text);
}

/** An ANY is written as the element it holds; asn1js re-parses and re-encodes it, which keeps the bytes of minimal, well-formed DER. */
/** Returns the whole element, not content octets: an ANY carries its own tag. */
export function any(value: unknown): Uint8Array {
  if (value === null) return Uint8Array.of(0x05, 0x00);
  const bytes = bytesOf(value);
  const element = readElement(bytes, 0, bytes.length);
  if (element.end !== bytes.length) throw new DerShapeError('ANY with trailing bytes');
  checkMinimalLengths(bytes, element);
  checkOpaque(bytes, element, 'encoding');
  return bytes;
}

function checkMinimalLengths(bytes: Uint8Array, element: DerElement): void {
  const length = element.end - element.contentStart;
  if (element.contentStart - element.start !== tagOctets(element.tagNumber) + lengthOctets(length)) throw new DerShapeError('ANY with a non-minimal length');
  if (element.constructed) for (const child of childrenOf(bytes, element)) checkMinimalLengths(bytes, child);
}

function tagOctets(tagNumber: number): number {
  let count = 1;
  if (tagNumber >= 31) for (let rest = tagNumber; rest > 0; rest = Math.floor(rest / 128)) count++;
  return count;
}

export function lengthOctets(length: number): number {
  let count = 1;
  if (length >= 0x80) for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) count++;
  return count;
}

export function utf8String(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new DerShapeError('expected a string');
  return utf8.encode(value);
}

export function bigInteger(value: unknown): Uint8Array {
  if (typeof value !== 'bigint') throw new DerShapeError('expected a bigint');
  return twosComplement(value);
}

export function withUnusedBits(unusedBits: number, value: Uint8Array): Uint8Array {
  const content = new Uint8Array(value.length + 1);
  content[0] = unusedBits;
  content.set(value, 1);
  return content;
}
