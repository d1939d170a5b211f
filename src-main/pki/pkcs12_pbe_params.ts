import { AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';

/**
 * PBE parameters of the PKCS#12 password-based encryption schemes (RFC 7292 Appendix C).
 *
 * ```asn1
 * pkcs-12PbeParams ::= SEQUENCE {
 *     salt        OCTET STRING,
 *     iterations  INTEGER
 * }
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence })
export class Pkcs12PbeParams {
  @AsnProp({ type: AsnPropTypes.OctetString })
  salt: ArrayBuffer = new ArrayBuffer(0);

  @AsnProp({ type: AsnPropTypes.Integer })
  iterations = 0;

  constructor(params: Partial<Pkcs12PbeParams> = {}) {
    Object.assign(this, params);
  }
}
