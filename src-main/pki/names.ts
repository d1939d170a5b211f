import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';
import { NameFormatError } from './errors';
import * as oids from './object_identifiers';
import { serializeDer } from './asn1_codec';

/**
 * Distinguished names: build from OpenSSL's "/CN=a/O=b" text or from DN parts, print per RFC 4514,
 * compare per RFC 5280 7.1 (case-insensitive, whitespace-normalized).
 */

/** The subject DN parts a CertificateRecord carries (DESIGN.md), plus serialNumber and DC. */
export interface DnParts {
  C?: string;
  ST?: string;
  L?: string;
  O?: string;
  OU?: string | string[];
  CN?: string;
  emailAddress?: string;
  serialNumber?: string;
  DC?: string[];
}

type StringKind = 'utf8' | 'printable' | 'ia5';
interface AttributeInfo {
  oid: string;
  kind: StringKind;
}

/** Keyword -> attribute, as OpenSSL accepts them (keywords are case-sensitive there; we accept any case). */
const ATTRIBUTES: Record<string, AttributeInfo> = {
  C: { oid: oids.id_at_countryName, kind: 'printable' },
  ST: { oid: oids.id_at_stateOrProvinceName, kind: 'utf8' },
  L: { oid: oids.id_at_localityName, kind: 'utf8' },
  O: { oid: oids.id_at_organizationName, kind: 'utf8' },
  OU: { oid: oids.id_at_organizationalUnitName, kind: 'utf8' },
  CN: { oid: oids.id_at_commonName, kind: 'utf8' },
  emailAddress: { oid: oids.id_emailAddress, kind: 'ia5' },
  serialNumber: { oid: oids.id_at_serialNumber, kind: 'printable' },
  DC: { oid: oids.id_domainComponent, kind: 'ia5' },
};

/** RFC 4514 keywords, plus emailAddress/serialNumber (RFC 4514 section 3 allows more; these are what admins read). */
const KEYWORD_BY_OID: Record<string, string> = {
  [oids.id_at_commonName]: 'CN',
  [oids.id_at_localityName]: 'L',
  [oids.id_at_stateOrProvinceName]: 'ST',
  [oids.id_at_organizationName]: 'O',
  [oids.id_at_organizationalUnitName]: 'OU',
  [oids.id_at_countryName]: 'C',
  [oids.id_at_streetAddress]: 'STREET',
  [oids.id_domainComponent]: 'DC',
  [oids.id_userId]: 'UID',
  [oids.id_emailAddress]: 'emailAddress',
  [oids.id_at_serialNumber]: 'serialNumber',
};

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
/** IA5String is 7-bit ASCII; control characters have no place in names, so printable ASCII only. */
const IA5 = /^[\x20-\x7e]*$/;
const MAX_VALUE_LENGTH = 1024;

function attributeInfo(keyword: string): AttributeInfo {
  const entry = Object.entries(ATTRIBUTES).find(([name]) => name.toLowerCase() === keyword.toLowerCase());
  if (!entry) {
    throw new NameFormatError(`Unknown DN attribute "${keyword}"; expected one of ${Object.keys(ATTRIBUTES).join(', ')}`);
  }
  return entry[1];
}

function attribute(keyword: string, value: string): AttributeTypeAndValue {
  const info = attributeInfo(keyword);
  if (value.length === 0) throw new NameFormatError(`DN attribute ${keyword} has an empty value`);
  if (value.length > MAX_VALUE_LENGTH) throw new NameFormatError(`DN attribute ${keyword} is longer than ${MAX_VALUE_LENGTH} characters`);
  if (info.oid === oids.id_at_countryName && !/^[A-Za-z]{2}$/.test(value)) {
    throw new NameFormatError(`Country (C) must be a two-letter ISO 3166 code, got "${value}"`);
  }
  if (info.kind === 'printable' && !PRINTABLE.test(value)) {
    throw new NameFormatError(`DN attribute ${keyword} allows only PrintableString characters, got "${value}"`);
  }
  if (info.kind === 'ia5' && !IA5.test(value)) {
    throw new NameFormatError(`DN attribute ${keyword} allows only printable ASCII characters, got "${value}"`);
  }
  const stringValue =
    info.kind === 'printable' ? { printableString: value } : info.kind === 'ia5' ? { ia5String: value } : { utf8String: value };
  return new AttributeTypeAndValue({ type: info.oid, value: new AttributeValue(stringValue) });
}

/** Splits on an unescaped separator; a backslash escapes the next character. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      current += char + text[i + 1];
      i++;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/**
 * Builds a Name from OpenSSL's "/CN=a/O=b" form (as `openssl req -subj` takes it). Order is kept as
 * written (most significant first); "+" joins attributes into one multi-valued RDN; "\" escapes.
 */
export function parseOpensslName(text: string): Name {
  if (!text.startsWith('/')) throw new NameFormatError(`A DN must start with "/", e.g. "/CN=device/O=Example", got "${text}"`);
  if (text.endsWith('/') && !text.endsWith('\\/')) throw new NameFormatError('A DN must not end with "/"');
  const rdns = splitUnescaped(text.slice(1), '/').map((rdnText) => {
    if (rdnText.length === 0) throw new NameFormatError(`DN "${text}" has an empty component`);
    const atvs = splitUnescaped(rdnText, '+').map((atvText) => {
      const separator = atvText.indexOf('=');
      if (separator <= 0) throw new NameFormatError(`DN component "${unescape(atvText)}" is not of the form TYPE=value`);
      return attribute(unescape(atvText.slice(0, separator)).trim(), unescape(atvText.slice(separator + 1)));
    });
    return new RelativeDistinguishedName(atvs);
  });
  return new Name(rdns);
}

/** Builds a Name from DN parts in the conventional order DC, C, ST, L, O, OU, CN, serialNumber, emailAddress. */
export function nameFromParts(parts: DnParts): Name {
  const entries: [string, string][] = [];
  for (const dc of parts.DC ?? []) entries.push(['DC', dc]);
  for (const keyword of ['C', 'ST', 'L', 'O'] as const) {
    const value = parts[keyword];
    if (value !== undefined) entries.push([keyword, value]);
  }
  for (const ou of typeof parts.OU === 'string' ? [parts.OU] : (parts.OU ?? [])) entries.push(['OU', ou]);
  for (const keyword of ['CN', 'serialNumber', 'emailAddress'] as const) {
    const value = parts[keyword];
    if (value !== undefined) entries.push([keyword, value]);
  }
  if (entries.length === 0) throw new NameFormatError('A subject DN needs at least one attribute');
  return new Name(entries.map(([keyword, value]) => new RelativeDistinguishedName([attribute(keyword, value)])));
}

/** The string value of an attribute, or undefined for values that are not strings (printed as #hex). */
function stringValue(value: AttributeValue): string | undefined {
  return value.utf8String ?? value.printableString ?? value.ia5String ?? value.teletexString ?? value.bmpString ?? value.universalString;
}

function escapeRfc4514(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replaceAll(String.fromCharCode(0), '\\00')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

function atvToRfc4514(atv: AttributeTypeAndValue): string {
  const keyword = KEYWORD_BY_OID[atv.type];
  const text = stringValue(atv.value);
  if (keyword && text !== undefined) return `${keyword}=${escapeRfc4514(text)}`;
  // anyValue already holds the value's encoding as received; re-serializing it would re-parse
  // untrusted bytes and throw a plain Error on, e.g., a malformed time string (fuzz finding).
  const der = atv.value.anyValue ? new Uint8Array(atv.value.anyValue) : new Uint8Array(serializeDer(atv.value));
  return `${atv.type}=#${Buffer.from(der).toString('hex')}`;
}

/** RFC 4514 string: RDNs in reverse order ("CN=device,O=Example,C=DE"), multi-valued RDNs joined with "+". */
export function nameToString(name: Name): string {
  return [...name]
    .reverse()
    .map((rdn) => [...rdn].map(atvToRfc4514).join('+'))
    .join(',');
}

/** OpenSSL's "/C=DE/O=Example/CN=device" form, e.g. for `openssl cmp -subject`. */
export function nameToOpensslString(name: Name): string {
  const escape = (value: string) => value.replace(/[\\/+]/g, (c) => `\\${c}`);
  return name
    .map((rdn) =>
      [...rdn]
        .map((atv) => {
          const keyword = Object.entries(ATTRIBUTES).find(([, info]) => info.oid === atv.type)?.[0] ?? KEYWORD_BY_OID[atv.type] ?? atv.type;
          return `${keyword}=${escape(stringValue(atv.value) ?? '')}`;
        })
        .join('+'),
    )
    .map((rdn) => `/${rdn}`)
    .join('');
}

/** RFC 5280 7.1 / RFC 4518 simplified: case-folded, leading/trailing space removed, inner runs collapsed. */
function normalizeString(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function atvEqual(a: AttributeTypeAndValue, b: AttributeTypeAndValue): boolean {
  if (a.type !== b.type) return false;
  const textA = stringValue(a.value);
  const textB = stringValue(b.value);
  if (textA !== undefined && textB !== undefined) return normalizeString(textA) === normalizeString(textB);
  if (textA !== undefined || textB !== undefined) return false;
  return Buffer.from(serializeDer(a.value)).equals(Buffer.from(serializeDer(b.value)));
}

/** Name equality per RFC 5280 7.1: same RDNs in the same order; attributes within an RDN in any order. */
export function namesEqual(a: Name, b: Name): boolean {
  if (a.length !== b.length) return false;
  return a.every((rdnA, index) => {
    const rdnB = b[index];
    return rdnA.length === rdnB.length && rdnA.every((atvA) => rdnB.some((atvB) => atvEqual(atvA, atvB)));
  });
}

/** The value of the first attribute of a type, e.g. the CN to show in lists. */
export function nameAttribute(name: Name, keyword: keyof DnParts): string | undefined {
  const oid = ATTRIBUTES[keyword].oid;
  for (const rdn of name) {
    for (const atv of rdn) if (atv.type === oid) return stringValue(atv.value);
  }
  return undefined;
}

/** DER of a Name, e.g. for comparing or storing. */
export function nameToDer(name: Name): Uint8Array {
  return new Uint8Array(serializeDer(name));
}
