import { describe, expect, it } from 'vitest';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Name } from '@peculiar/asn1-x509';
import {
  generalNamesToSanList,
  NameFormatError,
  nameAttribute,
  nameFromParts,
  namesEqual,
  nameToOpensslString,
  nameToString,
  parseOpensslName,
  parseSans,
  parseSanText,
  SanFormatError,
  sanListsEqual,
} from '../../../src-main/pki';

describe('distinguished names', () => {
  it('builds from OpenSSL text in written order and prints RFC 4514 in reverse', () => {
    const name = parseOpensslName('/C=DE/ST=Bavaria/L=Munich/O=Example AG/OU=Ops/CN=device 1/emailAddress=ops@example.com');
    expect(nameToString(name)).toBe('emailAddress=ops@example.com,CN=device 1,OU=Ops,O=Example AG,L=Munich,ST=Bavaria,C=DE');
    expect(nameToOpensslString(name)).toBe('/C=DE/ST=Bavaria/L=Munich/O=Example AG/OU=Ops/CN=device 1/emailAddress=ops@example.com');
    expect(nameAttribute(name, 'CN')).toBe('device 1');
  });

  it('uses PrintableString for C and serialNumber, IA5String for emailAddress and DC, UTF8String otherwise', () => {
    const name = parseOpensslName('/DC=example/C=DE/CN=Jürgen/serialNumber=42/emailAddress=a@b');
    const values = name.map((rdn) => rdn[0].value);
    expect(values[0].ia5String).toBe('example');
    expect(values[1].printableString).toBe('DE');
    expect(values[2].utf8String).toBe('Jürgen');
    expect(values[3].printableString).toBe('42');
    expect(values[4].ia5String).toBe('a@b');
  });

  it('honours escapes and multi-valued RDNs, and escapes per RFC 4514 when printing', () => {
    const name = parseOpensslName('/O=A\\/B, Inc./CN=x+OU=y/CN=\\+plus');
    expect(name).toHaveLength(3);
    expect(name[1]).toHaveLength(2);
    expect(nameToString(name)).toBe('CN=\\+plus,CN=x+OU=y,O=A/B\\, Inc.');
    expect(nameToOpensslString(name)).toBe('/O=A\\/B, Inc./CN=x+OU=y/CN=\\+plus');
    expect(namesEqual(parseOpensslName(nameToOpensslString(name)), name)).toBe(true);
  });

  it('builds from DN parts in conventional order', () => {
    const name = nameFromParts({ CN: 'sip.example', O: 'Example', C: 'DE', OU: ['a', 'b'], DC: ['example', 'com'] });
    expect(nameToString(name)).toBe('CN=sip.example,OU=b,OU=a,O=Example,C=DE,DC=com,DC=example');
  });

  it.each([
    ['CN=missing slash', /must start with/],
    ['/CN=a/', /must not end/],
    ['/CN=a//O=b', /empty component/],
    ['/XX=a', /Unknown DN attribute "XX"/],
    ['/CN', /not of the form TYPE=value/],
    ['/C=Germany', /two-letter/],
    ['/serialNumber=a_b', /PrintableString/],
    ['/emailAddress=ü@b', /ASCII/],
    ['/CN=', /empty value/],
  ])('rejects %j', (text, message) => {
    expect(() => parseOpensslName(text)).toThrow(NameFormatError);
    expect(() => parseOpensslName(text)).toThrow(message);
  });

  it('rejects empty DN parts', () => {
    expect(() => nameFromParts({})).toThrow(NameFormatError);
  });

  it('compares per RFC 5280: case and whitespace insensitive, across string types, order of RDNs matters', () => {
    const a = parseOpensslName('/C=DE/O=Example  AG/CN=Device');
    const b = nameFromParts({ C: 'de', O: ' example ag', CN: 'DEVICE' });
    expect(namesEqual(a, b)).toBe(true);
    expect(namesEqual(a, parseOpensslName('/O=Example AG/C=DE/CN=Device'))).toBe(false);
    expect(namesEqual(a, parseOpensslName('/C=DE/O=Example AG'))).toBe(false);
    expect(namesEqual(a, parseOpensslName('/C=DE/O=Example AG/CN=Device2'))).toBe(false);
    const multiA = parseOpensslName('/CN=x+OU=y');
    const multiB = parseOpensslName('/OU=Y+CN=X');
    expect(namesEqual(multiA, multiB)).toBe(true);
  });

  it('round-trips through DER', () => {
    const name = parseOpensslName('/C=DE/CN=ä\\/b');
    const decoded = AsnConvert.parse(AsnConvert.serialize(name), Name);
    expect(nameToString(decoded)).toBe('CN=ä/b,C=DE');
  });
});

describe('subject alternative names', () => {
  it('parses OpenSSL-like SAN text into GeneralNames and back', () => {
    const san = parseSans('a.example, DNS:*.b.example,IP:10.0.0.1,IP:2001:db8::1,URI:https://x.example/p,email:a@b.example');
    expect(san).toHaveLength(6);
    expect(san[1].dNSName).toBe('*.b.example');
    expect(san[2].iPAddress).toBe('10.0.0.1');
    expect(san[4].uniformResourceIdentifier).toBe('https://x.example/p');
    expect(san[5].rfc822Name).toBe('a@b.example');
    expect(generalNamesToSanList(san)).toEqual({
      dns: ['a.example', '*.b.example'],
      ip: ['10.0.0.1', '2001:db8::1'],
      uri: ['https://x.example/p'],
      email: ['a@b.example'],
    });
  });

  it('compares SAN lists regardless of order, DNS case and IPv6 spelling', () => {
    const a = parseSanText('B.example,a.example,IP:2001:db8::1');
    const b = parseSanText('a.example,b.example,IP:2001:0db8:0:0:0:0:0:1');
    expect(sanListsEqual(a, b)).toBe(true);
    expect(sanListsEqual(a, parseSanText('a.example'))).toBe(false);
  });

  it.each(['-bad.example', 'a..b', 'IP:10.0.0.256', 'URI:not a uri', 'email:nobody', 'DNS:', 'a_b.example'])('rejects %j', (text) => {
    expect(() => parseSans(text)).toThrow(SanFormatError);
  });
});
