import { AsnArray, AsnProp, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { CertRequest } from './cert_request';
import { CrmfAttributeTypeAndValue } from './controls';
import { ProofOfPossession } from './proof_of_possession';

/**
 * A certificate request with its proof of possession.
 *
 * ```asn1
 * CertReqMsg ::= SEQUENCE {
 *     certReq   CertRequest,
 *     popo       ProofOfPossession  OPTIONAL,
 *     -- content depends upon key type
 *     regInfo   SEQUENCE SIZE(1..MAX) OF
 *         SingleAttribute{{RegInfoSet}} OPTIONAL }
 * ```
 */
export class CertReqMsg {
  @AsnProp({ type: CertRequest })
  public certReq = new CertRequest();

  @AsnProp({ type: ProofOfPossession, optional: true })
  public popo?: ProofOfPossession;

  @AsnProp({ type: CrmfAttributeTypeAndValue, optional: true, repeated: 'sequence' })
  public regInfo?: CrmfAttributeTypeAndValue[];

  constructor(params: Partial<CertReqMsg> = {}) {
    Object.assign(this, params);
  }
}

/**
 * The body of ir, cr, kur (and krr, ccr).
 *
 * ```asn1
 * CertReqMessages ::= SEQUENCE SIZE (1..MAX) OF CertReqMsg
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: CertReqMsg })
export class CertReqMessages extends AsnArray<CertReqMsg> {
  constructor(items?: CertReqMsg[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, CertReqMessages.prototype);
  }
}
