import { AsnArray, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';

/**
 * Human-readable text a CMP peer attaches to a header, a status or an error.
 *
 * ```asn1
 * PKIFreeText ::= SEQUENCE SIZE (1..MAX) OF UTF8String
 *     -- text encoded as UTF-8 String [RFC3629]
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.Utf8String })
export class PKIFreeText extends AsnArray<string> {
  constructor(items?: string[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, PKIFreeText.prototype);
  }
}
