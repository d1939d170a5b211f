import { AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { PKIFreeText } from './pki_free_text';
import { PKIStatusInfo } from './pki_status_info';

/**
 * The body of error: the peer gave up on the transaction.
 *
 * ```asn1
 * ErrorMsgContent ::= SEQUENCE {
 *     pKIStatusInfo          PKIStatusInfo,
 *     errorCode              INTEGER           OPTIONAL,
 *     -- implementation-specific error codes
 *     errorDetails           PKIFreeText       OPTIONAL
 *     -- implementation-specific error details
 * }
 * ```
 */
export class ErrorMsgContent {
  @AsnProp({ type: PKIStatusInfo })
  public pKIStatusInfo = new PKIStatusInfo();

  @AsnProp({ type: AsnPropTypes.Integer, optional: true })
  public errorCode?: number;

  @AsnProp({ type: PKIFreeText, optional: true })
  public errorDetails?: PKIFreeText;

  constructor(params: Partial<ErrorMsgContent> = {}) {
    Object.assign(this, params);
  }
}
