import { AsnPropTypes } from '@peculiar/asn1-schema';
import { childrenOf, DerShapeError, UNIVERSAL, type DerElement } from './der_element';

/**
 * The values @peculiar/asn1-schema's converters produce, computed straight from the content
 * octets (converter_codecs.ts pairs each converter with its reader). Each reader returns exactly
 * what the converter's fromASN returns for the same bytes (test/unit/pki/asn1_codec compares
 * them); a form it does not cover throws DerShapeError and asn1-schema decodes instead.
 */
export type ReadValue = (bytes: Uint8Array, element: DerElement) => unknown;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function content(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.contentStart, element.end);
}

export function copy(view: Uint8Array): ArrayBuffer {
  return view.slice().buffer;
}

export function signedBigInt(octets: Uint8Array): bigint {
  if (octets.length === 0) return 0n;
  const value = BigInt(`0x${Buffer.from(octets.buffer, octets.byteOffset, octets.byteLength).toString('hex')}`);
  return octets[0] & 0x80 ? value - (1n << BigInt(octets.length * 8)) : value;
}

/** Integers that AsnIntegerConverter reads (versions, counts, ids) are small; a huge one is left to asn1js. */
const MAX_INTEGER_OCTETS = 64;

/** asn1js decodes up to three octets to a number and longer integers to a decimal string. */
export function integer(bytes: Uint8Array, element: DerElement): number | string {
  const octets = content(bytes, element);
  if (octets.length > MAX_INTEGER_OCTETS) throw new DerShapeError('INTEGER longer than 64 octets');
  if (octets.length >= 4) return signedBigInt(octets).toString();
  return Number(signedBigInt(octets));
}

export function enumerated(bytes: Uint8Array, element: DerElement): number {
  const octets = content(bytes, element);
  if (octets.length >= 4) throw new DerShapeError('ENUMERATED of four octets or more');
  return Number(signedBigInt(octets));
}

export function bitString(bytes: Uint8Array, element: DerElement): ArrayBuffer {
  const octets = content(bytes, element);
  if (element.constructed || octets.length === 0 || octets[0] > 7) throw new DerShapeError('BIT STRING form');
  return copy(octets.subarray(1));
}

export function octetString(bytes: Uint8Array, element: DerElement): ArrayBuffer {
  if (element.constructed) throw new DerShapeError('constructed OCTET STRING');
  return copy(content(bytes, element));
}

/** Dotted decimal; arcs beyond 49 bits are left to asn1js. */
export function objectIdentifier(bytes: Uint8Array, element: DerElement): string {
  const octets = content(bytes, element);
  if (octets.length === 0 || octets[octets.length - 1] & 0x80) throw new DerShapeError('OBJECT IDENTIFIER form');
  const arcs: number[] = [];
  let value = 0;
  let length = 0;
  for (const octet of octets) {
    value = value * 128 + (octet & 0x7f);
    if (++length > 7) throw new DerShapeError('OBJECT IDENTIFIER arc too large');
    if ((octet & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = value < 40 ? 0 : value < 80 ? 1 : 2;
        arcs.push(first, value - first * 40);
      } else {
        arcs.push(value);
      }
      value = 0;
      length = 0;
    }
  }
  return arcs.join('.');
}

export function boolean(bytes: Uint8Array, element: DerElement): boolean {
  if (element.end - element.contentStart !== 1) throw new DerShapeError('BOOLEAN length');
  return bytes[element.contentStart] !== 0;
}

export function utf8String(bytes: Uint8Array, element: DerElement): string {
  try {
    return utf8.decode(content(bytes, element));
  } catch {
    throw new DerShapeError('invalid UTF-8');
  }
}

export function bmpString(bytes: Uint8Array, element: DerElement): string {
  const octets = content(bytes, element);
  if (octets.length % 2 !== 0) throw new DerShapeError('BMPString length');
  let text = '';
  for (let i = 0; i < octets.length; i += 2) text += String.fromCharCode((octets[i] << 8) | octets[i + 1]);
  return text;
}

/** The 8-bit string types: asn1js maps every octet to the character with that code. */
export function latin1String(bytes: Uint8Array, element: DerElement): string {
  const octets = content(bytes, element);
  let text = '';
  for (const octet of octets) text += String.fromCharCode(octet);
  return text;
}

export const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
/** YYYYMMDDHHMMSS[.fff…]Z: UTC, seconds present, a fraction of seconds written with a point. */
export const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d+))?Z$/;

/** DER's YYMMDDHHMMSSZ only; years below 50 are 20YY (RFC 5280 4.1.2.5.1). */
export function utcTime(bytes: Uint8Array, element: DerElement): Date {
  const parts = UTC_TIME.exec(latin1String(bytes, element));
  if (!parts) throw new DerShapeError('UTCTime form');
  const year = Number(parts[1]);
  return new Date(Date.UTC(year >= 50 ? 1900 + year : 2000 + year, Number(parts[2]) - 1, Number(parts[3]), Number(parts[4]), Number(parts[5]), Number(parts[6])));
}

/** UTC with seconds and an optional fraction, read as asn1js reads it (milliseconds rounded down); offsets are left to asn1js. */
export function generalizedTime(bytes: Uint8Array, element: DerElement): Date {
  const parts = GENERALIZED_TIME.exec(latin1String(bytes, element));
  if (!parts) throw new DerShapeError('GeneralizedTime form');
  const milliseconds = parts[7] === undefined ? 0 : Math.floor(1000 * Number(`0.${parts[7]}`));
  return new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]), Number(parts[4]), Number(parts[5]), Number(parts[6]), milliseconds));
}

export function any(bytes: Uint8Array, element: DerElement): ArrayBuffer | null {
  if (element.tagClass === UNIVERSAL && element.tagNumber === UNIVERSAL_TAG[AsnPropTypes.Null]) return null;
  checkOpaque(bytes, element, 'decoding');
  return copy(bytes.subarray(element.start, element.end));
}

/**
 * asn1js parses what an ANY holds and refuses some malformed contents there (an OID whose last
 * octet continues, a BIT STRING with more than 7 unused bits, a GeneralizedTime it cannot read,
 * odd-sized BMP or Universal strings). Such contents are left to asn1js, so an ANY is refused
 * exactly when AsnParser refuses it. When encoding, asn1js also rewrites a NULL with content, a
 * UTCTime it reads loosely, a GeneralizedTime fraction and an OID subidentifier padded with 0x80,
 * so those are left to it too.
 */
export function checkOpaque(bytes: Uint8Array, element: DerElement, purpose: 'decoding' | 'encoding'): void {
  if (element.constructed) {
    if (element.tagClass === UNIVERSAL && element.tagNumber !== 16 && element.tagNumber !== 17) throw new DerShapeError('constructed string in ANY');
    for (const child of childrenOf(bytes, element)) checkOpaque(bytes, child, purpose);
    return;
  }
  if (element.tagClass !== UNIVERSAL) return;
  if (!PLAIN_UNIVERSAL_TAGS.has(element.tagNumber)) throw new DerShapeError(`ANY holds universal type ${element.tagNumber}, left to asn1js`);
  const octets = content(bytes, element);
  const malformed =
    ((element.tagNumber === 6 || element.tagNumber === 13) && octets.length > 0 && octets[octets.length - 1] & 0x80) ||
    (element.tagNumber === 3 && octets.length > 0 && octets[0] > 7) ||
    (element.tagNumber === 24 && !GENERALIZED_TIME.test(latin1String(bytes, element))) ||
    (element.tagNumber === 30 && octets.length % 2 !== 0) ||
    (element.tagNumber === 28 && octets.length % 4 !== 0) ||
    (purpose === 'encoding' && element.tagNumber === 5 && octets.length > 0) ||
    (purpose === 'encoding' && element.tagNumber === 23 && !UTC_TIME.test(latin1String(bytes, element))) ||
    (purpose === 'encoding' && element.tagNumber === 24 && latin1String(bytes, element).includes('.')) ||
    (purpose === 'encoding' && (element.tagNumber === 6 || element.tagNumber === 13) && hasPaddedSubidentifier(octets));
  if (malformed) throw new DerShapeError(`ANY holds universal type ${element.tagNumber} in a form left to asn1js`);
}

/** A subidentifier that starts with 0x80 (a leading zero group), which asn1js drops when it re-encodes. */
function hasPaddedSubidentifier(octets: Uint8Array): boolean {
  return octets.some((octet, i) => octet === 0x80 && (i === 0 || (octets[i - 1] & 0x80) === 0));
}

/** Universal primitive types whose parsing in asn1js the checks above mirror; anything else in an ANY is left to asn1js. */
const PLAIN_UNIVERSAL_TAGS = new Set([1, 2, 3, 4, 5, 6, 10, 12, 13, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);

/** Universal tag number of each primitive property type the fast decoder recognises (X.680 8.4); reading needs a reader too. */
export const UNIVERSAL_TAG: Partial<Record<AsnPropTypes, number>> = {
  [AsnPropTypes.Boolean]: 1,
  [AsnPropTypes.Integer]: 2,
  [AsnPropTypes.BitString]: 3,
  [AsnPropTypes.OctetString]: 4,
  [AsnPropTypes.Null]: 5,
  [AsnPropTypes.ObjectIdentifier]: 6,
  [AsnPropTypes.Enumerated]: 10,
  [AsnPropTypes.Utf8String]: 12,
  [AsnPropTypes.RelativeObjectIdentifier]: 13,
  [AsnPropTypes.NumericString]: 18,
  [AsnPropTypes.PrintableString]: 19,
  [AsnPropTypes.TeletexString]: 20,
  [AsnPropTypes.VideotexString]: 21,
  [AsnPropTypes.IA5String]: 22,
  [AsnPropTypes.UTCTime]: 23,
  [AsnPropTypes.GeneralizedTime]: 24,
  [AsnPropTypes.GraphicString]: 25,
  [AsnPropTypes.VisibleString]: 26,
  [AsnPropTypes.GeneralString]: 27,
  [AsnPropTypes.UniversalString]: 28,
  [AsnPropTypes.CharacterString]: 29,
  [AsnPropTypes.BmpString]: 30,
};
