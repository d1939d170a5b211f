import { isIP } from 'node:net';
import { GeneralName, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { SanFormatError } from './errors';

/**
 * Subject alternative names as a CertificateRecord holds them (DNS, IP, URI, email), their
 * OpenSSL-like text form ("a.example,IP:10.0.0.1,URI:https://x,email:a@b") and their ASN.1 form.
 */
export interface SanList {
  dns: string[];
  ip: string[];
  uri: string[];
  email: string[];
}

export function emptySanList(): SanList {
  return { dns: [], ip: [], uri: [], email: [] };
}

const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const MAX_SAN_ENTRIES = 1000;

function checkDns(value: string): string {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const labels = name.split('.');
  const plain = labels[0] === '*' ? labels.slice(1) : labels;
  if (name.length > 253 || plain.length === 0 || !plain.every((label) => DNS_LABEL.test(label))) {
    throw new SanFormatError(`"${value}" is not a valid DNS name (letters, digits, hyphens; a leading "*." for wildcards)`);
  }
  return name.toLowerCase();
}

function checkIp(value: string): string {
  const address = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (isIP(address) === 0) throw new SanFormatError(`"${value}" is not an IPv4 or IPv6 address`);
  return address.toLowerCase();
}

function checkUri(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SanFormatError(`"${value}" is not an absolute URI (e.g. https://host/path or urn:...)`);
  }
  if (!/^[\x21-\x7e]+$/.test(value) || url.protocol.length < 2) throw new SanFormatError(`URI "${value}" must be ASCII without spaces`);
  return value;
}

function checkEmail(value: string): string {
  if (!/^[^\s@]+@[^\s@]+$/.test(value) || !/^[\x21-\x7e]+$/.test(value)) {
    throw new SanFormatError(`"${value}" is not an email address (local@domain, ASCII)`);
  }
  return value;
}

/** Adds one "TYPE:value" entry (no prefix means DNS) to a SanList. */
function addEntry(list: SanList, entry: string): void {
  const match = /^(DNS|IP|URI|email|e-mail|rfc822):(.*)$/i.exec(entry);
  const type = match ? match[1].toLowerCase() : 'dns';
  const value = match ? match[2].trim() : entry;
  if (value.length === 0) throw new SanFormatError(`SAN entry "${entry}" has no value`);
  if (type === 'dns') list.dns.push(checkDns(value));
  else if (type === 'ip') list.ip.push(checkIp(value));
  else if (type === 'uri') list.uri.push(checkUri(value));
  else list.email.push(checkEmail(value));
}

/** Parses comma-separated SAN text: "a.example,DNS:b.example,IP:10.0.0.1,URI:https://x,email:a@b". */
export function parseSanText(text: string): SanList {
  const list = emptySanList();
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length > MAX_SAN_ENTRIES) throw new SanFormatError(`More than ${MAX_SAN_ENTRIES} SAN entries`);
  for (const entry of entries) addEntry(list, entry);
  return list;
}

/** Validates a SanList as it came from a form or the database; returns it normalized. */
export function normalizeSanList(list: SanList): SanList {
  return { dns: list.dns.map(checkDns), ip: list.ip.map(checkIp), uri: list.uri.map(checkUri), email: list.email.map(checkEmail) };
}

/** The GeneralNames for a SanList (order: DNS, IP, URI, email). */
export function sanListToGeneralNames(list: SanList): SubjectAlternativeName {
  const checked = normalizeSanList(list);
  return new SubjectAlternativeName([
    ...checked.dns.map((dNSName) => new GeneralName({ dNSName })),
    ...checked.ip.map((iPAddress) => new GeneralName({ iPAddress })),
    ...checked.uri.map((uniformResourceIdentifier) => new GeneralName({ uniformResourceIdentifier })),
    ...checked.email.map((rfc822Name) => new GeneralName({ rfc822Name })),
  ]);
}

/** Parses SAN text straight into the SubjectAlternativeName extension value. */
export function parseSans(text: string): SubjectAlternativeName {
  return sanListToGeneralNames(parseSanText(text));
}

/** The DNS/IP/URI/email entries of GeneralNames; other kinds (directoryName, otherName, …) are skipped. */
export function generalNamesToSanList(names: readonly GeneralName[]): SanList {
  const list = emptySanList();
  for (const name of names) {
    if (name.dNSName !== undefined) list.dns.push(name.dNSName.toLowerCase());
    else if (name.iPAddress !== undefined) list.ip.push(name.iPAddress.toLowerCase());
    else if (name.uniformResourceIdentifier !== undefined) list.uri.push(name.uniformResourceIdentifier);
    else if (name.rfc822Name !== undefined) list.email.push(name.rfc822Name);
  }
  return list;
}

/** Same entries regardless of order (DNS and IP case-insensitive), e.g. "the issued SANs are what we asked for". */
export function sanListsEqual(a: SanList, b: SanList): boolean {
  const key = (values: string[], fold: boolean) => [...new Set(values.map((v) => (fold ? v.toLowerCase() : v)))].sort().join('\n');
  return (
    key(a.dns, true) === key(b.dns, true) &&
    key(a.ip.map(canonicalIp), true) === key(b.ip.map(canonicalIp), true) &&
    key(a.uri, false) === key(b.uri, false) &&
    key(a.email, false) === key(b.email, false)
  );
}

/** IPv6 in one spelling so "2001:db8::1" and "2001:0db8:0:0:0:0:0:1" compare equal. */
function canonicalIp(address: string): string {
  return isIP(address) === 6 ? new URL(`http://[${address}]/`).hostname : address;
}
