import { AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { GeneralName } from '@peculiar/asn1-x509';

/**
 * Names one certificate by issuer and serial number (KUR oldCertID, revocation answers).
 *
 * ```asn1
 * CertId ::= SEQUENCE {
 *     issuer           GeneralName,
 *     serialNumber     INTEGER }
 * ```
 */
export class CertId {
  @AsnProp({ type: GeneralName })
  public issuer = new GeneralName();

  @AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })
  public serialNumber: ArrayBuffer = new ArrayBuffer(0);

  constructor(params: Partial<CertId> = {}) {
    Object.assign(this, params);
  }
}
