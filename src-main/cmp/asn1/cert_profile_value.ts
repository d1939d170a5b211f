import { AsnArray, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';

/**
 * The certificate profile(s) a request asks for, carried in generalInfo (RFC 9810 5.1.1.4).
 *
 * ```asn1
 * CertProfileValue ::= SEQUENCE SIZE (1..MAX) OF UTF8String
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.Utf8String })
export class CertProfileValue extends AsnArray<string> {
  constructor(items?: string[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, CertProfileValue.prototype);
  }
}
