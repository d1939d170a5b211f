import { AsnArray, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';

/**
 * A CRMF control or registration info entry; the value stays raw DER (e.g. a CertId for
 * id-regCtrl-oldCertID, a UTF8String for id-regCtrl-regToken).
 *
 * ```asn1
 * AttributeTypeAndValue ::= SEQUENCE {
 *     type         OBJECT IDENTIFIER,
 *     value        ANY DEFINED BY type }
 * ```
 */
export class CrmfAttributeTypeAndValue {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier })
  public type = '';

  @AsnProp({ type: AsnPropTypes.Any })
  public value: ArrayBuffer = new ArrayBuffer(0);

  constructor(params: Partial<CrmfAttributeTypeAndValue> = {}) {
    Object.assign(this, params);
  }
}

/**
 * Extra instructions for the CA attached to a request.
 *
 * ```asn1
 * Controls  ::= SEQUENCE SIZE(1..MAX) OF AttributeTypeAndValue
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: CrmfAttributeTypeAndValue })
export class Controls extends AsnArray<CrmfAttributeTypeAndValue> {
  constructor(items?: CrmfAttributeTypeAndValue[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, Controls.prototype);
  }
}
