import { AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { PKIFailureInfo } from './pki_failure_info';
import { PKIFreeText } from './pki_free_text';
import { PKIStatus } from './pki_status';

/**
 * Status, reason text and failure bits of one request.
 *
 * ```asn1
 * PKIStatusInfo ::= SEQUENCE {
 *     status        PKIStatus,
 *     statusString  PKIFreeText     OPTIONAL,
 *     failInfo      PKIFailureInfo  OPTIONAL
 * }
 * ```
 */
export class PKIStatusInfo {
  @AsnProp({ type: AsnPropTypes.Integer })
  public status: number = PKIStatus.accepted;

  @AsnProp({ type: PKIFreeText, optional: true })
  public statusString?: PKIFreeText;

  @AsnProp({ type: PKIFailureInfo, optional: true })
  public failInfo?: PKIFailureInfo;

  constructor(params: Partial<PKIStatusInfo> = {}) {
    Object.assign(this, params);
  }
}
