import { AsnArray, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { PKIStatusInfo } from './pki_status_info';

/**
 * The end entity's acceptance or rejection of one issued certificate. hashAlg is the CMPv3
 * addition for signature algorithms without an obvious hash (then pvno is 3).
 *
 * ```asn1
 * CertStatus ::= SEQUENCE {
 *    certHash    OCTET STRING,
 *    certReqId   INTEGER,
 *    statusInfo  PKIStatusInfo OPTIONAL,
 *    hashAlg [0] AlgorithmIdentifier{DIGEST-ALGORITHM, {...}}
 *      OPTIONAL
 * }
 * ```
 */
export class CertStatus {
  @AsnProp({ type: AsnPropTypes.OctetString })
  public certHash: ArrayBuffer = new ArrayBuffer(0);

  @AsnProp({ type: AsnPropTypes.Integer })
  public certReqId = 0;

  @AsnProp({ type: PKIStatusInfo, optional: true })
  public statusInfo?: PKIStatusInfo;

  @AsnProp({ type: AlgorithmIdentifier, context: 0, optional: true })
  public hashAlg?: AlgorithmIdentifier;

  constructor(params: Partial<CertStatus> = {}) {
    Object.assign(this, params);
  }
}

/**
 * The body of certConf.
 *
 * ```asn1
 * CertConfirmContent ::= SEQUENCE OF CertStatus
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: CertStatus })
export class CertConfirmContent extends AsnArray<CertStatus> {
  constructor(items?: CertStatus[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, CertConfirmContent.prototype);
  }
}
