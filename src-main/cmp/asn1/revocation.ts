import { AsnArray, AsnProp, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { CertificateList, Extensions } from '@peculiar/asn1-x509';
import { CertId } from './cert_id';
import { CertTemplate } from './cert_template';
import { PKIStatusInfo } from './pki_status_info';

/**
 * Which certificate to revoke (issuer + serialNumber in the template) and why (crlEntryDetails).
 *
 * ```asn1
 * RevDetails ::= SEQUENCE {
 *     certDetails         CertTemplate,
 *     crlEntryDetails     Extensions{{...}}    OPTIONAL
 * }
 * ```
 */
export class RevDetails {
  @AsnProp({ type: CertTemplate })
  public certDetails = new CertTemplate();

  @AsnProp({ type: Extensions, optional: true })
  public crlEntryDetails?: Extensions;

  constructor(params: Partial<RevDetails> = {}) {
    Object.assign(this, params);
  }
}

/**
 * The body of rr.
 *
 * ```asn1
 * RevReqContent ::= SEQUENCE OF RevDetails
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: RevDetails })
export class RevReqContent extends AsnArray<RevDetails> {
  constructor(items?: RevDetails[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, RevReqContent.prototype);
  }
}

/**
 * The body of rp.
 *
 * ```asn1
 * RevRepContent ::= SEQUENCE {
 *     status       SEQUENCE SIZE (1..MAX) OF PKIStatusInfo,
 *     revCerts [0] SEQUENCE SIZE (1..MAX) OF CertId OPTIONAL,
 *     crls     [1] SEQUENCE SIZE (1..MAX) OF CertificateList
 *                  OPTIONAL
 * }
 * ```
 */
export class RevRepContent {
  @AsnProp({ type: PKIStatusInfo, repeated: 'sequence' })
  public status: PKIStatusInfo[] = [];

  @AsnProp({ type: CertId, context: 0, optional: true, repeated: 'sequence' })
  public revCerts?: CertId[];

  @AsnProp({ type: CertificateList, context: 1, optional: true, repeated: 'sequence' })
  public crls?: CertificateList[];

  constructor(params: Partial<RevRepContent> = {}) {
    Object.assign(this, params);
  }
}
