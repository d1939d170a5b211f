import { AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { CMPCertificate } from './cmp_certificate';
import { CertifiedKeyPair } from './certified_key_pair';
import { PKIStatusInfo } from './pki_status_info';

/**
 * The CA's answer to one CertRequest.
 *
 * ```asn1
 * CertResponse ::= SEQUENCE {
 *     certReqId           INTEGER,
 *     status              PKIStatusInfo,
 *     certifiedKeyPair    CertifiedKeyPair    OPTIONAL,
 *     rspInfo             OCTET STRING        OPTIONAL
 *     -- analogous to the id-regInfo-utf8Pairs string defined
 *     -- for regInfo in CertReqMsg [RFC4211]
 * }
 * ```
 */
export class CertResponse {
  @AsnProp({ type: AsnPropTypes.Integer })
  public certReqId = 0;

  @AsnProp({ type: PKIStatusInfo })
  public status = new PKIStatusInfo();

  @AsnProp({ type: CertifiedKeyPair, optional: true })
  public certifiedKeyPair?: CertifiedKeyPair;

  @AsnProp({ type: AsnPropTypes.OctetString, optional: true })
  public rspInfo?: ArrayBuffer;

  constructor(params: Partial<CertResponse> = {}) {
    Object.assign(this, params);
  }
}

/**
 * The body of ip, cp, kup (and ccp).
 *
 * ```asn1
 * CertRepMessage ::= SEQUENCE {
 *     caPubs          [1] SEQUENCE SIZE (1..MAX) OF CMPCertificate
 *                         OPTIONAL,
 *     response            SEQUENCE OF CertResponse
 * }
 * ```
 */
export class CertRepMessage {
  @AsnProp({ type: CMPCertificate, context: 1, optional: true, repeated: 'sequence' })
  public caPubs?: CMPCertificate[];

  @AsnProp({ type: CertResponse, repeated: 'sequence' })
  public response: CertResponse[] = [];

  constructor(params: Partial<CertRepMessage> = {}) {
    Object.assign(this, params);
  }
}
