import { AsnArray, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';

/**
 * One typed piece of general information: header generalInfo, genm requests and genp answers.
 * The value stays raw DER so unknown types round-trip; typed readers decode the known ones.
 *
 * ```asn1
 * InfoTypeAndValue ::= SEQUENCE {
 *     infoType               OBJECT IDENTIFIER,
 *     infoValue              ANY DEFINED BY infoType  OPTIONAL
 * }
 * ```
 */
export class InfoTypeAndValue {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier })
  public infoType = '';

  @AsnProp({ type: AsnPropTypes.Any, optional: true })
  public infoValue?: ArrayBuffer | null;

  constructor(params: Partial<InfoTypeAndValue> = {}) {
    Object.assign(this, params);
  }
}

/**
 * What an end entity asks the CA in a genm.
 *
 * ```asn1
 * GenMsgContent ::= SEQUENCE OF InfoTypeAndValue
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: InfoTypeAndValue })
export class GenMsgContent extends AsnArray<InfoTypeAndValue> {
  constructor(items?: InfoTypeAndValue[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, GenMsgContent.prototype);
  }
}

/**
 * What the CA answers in a genp.
 *
 * ```asn1
 * GenRepContent ::= SEQUENCE OF InfoTypeAndValue
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: InfoTypeAndValue })
export class GenRepContent extends AsnArray<InfoTypeAndValue> {
  constructor(items?: InfoTypeAndValue[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, GenRepContent.prototype);
  }
}
