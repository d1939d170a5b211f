import { AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';

/**
 * Parameters of PasswordBasedMac (RFC 9810 5.1.3.1): key = OWF^iterationCount(secret || salt).
 *
 * ```asn1
 * PBMParameter ::= SEQUENCE {
 *    salt                OCTET STRING,
 *    owf                 AlgorithmIdentifier{DIGEST-ALGORITHM, {...}},
 *    iterationCount      INTEGER,
 *    mac                 AlgorithmIdentifier{MAC-ALGORITHM, {...}}
 * }
 * ```
 */
export class PBMParameter {
  @AsnProp({ type: AsnPropTypes.OctetString })
  public salt: ArrayBuffer = new ArrayBuffer(0);

  @AsnProp({ type: AlgorithmIdentifier })
  public owf = new AlgorithmIdentifier();

  @AsnProp({ type: AsnPropTypes.Integer })
  public iterationCount = 0;

  @AsnProp({ type: AlgorithmIdentifier })
  public mac = new AlgorithmIdentifier();

  constructor(params: Partial<PBMParameter> = {}) {
    Object.assign(this, params);
  }
}
