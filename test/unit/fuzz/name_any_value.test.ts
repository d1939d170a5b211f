import { describe, expect, it } from 'vitest';
import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';
import { nameToString } from '../../../src-main/pki';

/** Regression of a fuzz finding: a name attribute of no string type made nameToString throw a plain Error. */
describe('names with attribute values of other types', () => {
  it('are shown as #hex of the value as received, even when the bytes do not re-parse', () => {
    // A UTCTime whose content is not a time: asn1js refuses to read it back ("Wrong input string for conversion").
    const malformedTime = Uint8Array.from([0x17, 0x03, 0x41, 0x42, 0x43]);
    const atv = new AttributeTypeAndValue({ type: '1.2.3.4', value: new AttributeValue({ anyValue: malformedTime.buffer }) });
    const name = new Name([new RelativeDistinguishedName([atv])]);
    expect(nameToString(name)).toBe('1.2.3.4=#1703414243');
  });
});
