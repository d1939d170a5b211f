import { AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, GeneralName } from '@peculiar/asn1-x509';
import { InfoTypeAndValue } from './info_type_and_value';
import { PKIFreeText } from './pki_free_text';

/** CMP protocol versions (RFC 9810 7): 2 by default, 3 only when a CMPv3 feature is used. */
export const PVNO_CMP2000 = 2;
export const PVNO_CMP2021 = 3;

/**
 * Who sends to whom, how the message is protected, and which transaction it belongs to.
 * All tags are EXPLICIT (the PKIXCMP module uses EXPLICIT TAGS).
 *
 * ```asn1
 * PKIHeader ::= SEQUENCE {
 *     pvno                INTEGER     { cmp1999(1), cmp2000(2),
 *                                       cmp2021(3) },
 *     sender              GeneralName,
 *     recipient           GeneralName,
 *     messageTime     [0] GeneralizedTime         OPTIONAL,
 *     protectionAlg   [1] AlgorithmIdentifier{ALGORITHM, {...}}
 *                         OPTIONAL,
 *     senderKID       [2] KeyIdentifier           OPTIONAL,
 *     recipKID        [3] KeyIdentifier           OPTIONAL,
 *     transactionID   [4] OCTET STRING            OPTIONAL,
 *     senderNonce     [5] OCTET STRING            OPTIONAL,
 *     recipNonce      [6] OCTET STRING            OPTIONAL,
 *     freeText        [7] PKIFreeText             OPTIONAL,
 *     generalInfo     [8] SEQUENCE SIZE (1..MAX) OF
 *                         InfoTypeAndValue     OPTIONAL
 * }
 * ```
 * generalInfo carries implicitConfirm (NULL), confirmWaitTime (GeneralizedTime) and certProfile
 * (SEQUENCE OF UTF8String) among others; see the id_it_* identifiers.
 */
export class PKIHeader {
  @AsnProp({ type: AsnPropTypes.Integer })
  public pvno = PVNO_CMP2000;

  @AsnProp({ type: GeneralName })
  public sender = new GeneralName();

  @AsnProp({ type: GeneralName })
  public recipient = new GeneralName();

  @AsnProp({ type: AsnPropTypes.GeneralizedTime, context: 0, optional: true })
  public messageTime?: Date;

  @AsnProp({ type: AlgorithmIdentifier, context: 1, optional: true })
  public protectionAlg?: AlgorithmIdentifier;

  @AsnProp({ type: AsnPropTypes.OctetString, context: 2, optional: true })
  public senderKID?: ArrayBuffer;

  @AsnProp({ type: AsnPropTypes.OctetString, context: 3, optional: true })
  public recipKID?: ArrayBuffer;

  @AsnProp({ type: AsnPropTypes.OctetString, context: 4, optional: true })
  public transactionID?: ArrayBuffer;

  @AsnProp({ type: AsnPropTypes.OctetString, context: 5, optional: true })
  public senderNonce?: ArrayBuffer;

  @AsnProp({ type: AsnPropTypes.OctetString, context: 6, optional: true })
  public recipNonce?: ArrayBuffer;

  @AsnProp({ type: PKIFreeText, context: 7, optional: true })
  public freeText?: PKIFreeText;

  @AsnProp({ type: InfoTypeAndValue, context: 8, optional: true, repeated: 'sequence' })
  public generalInfo?: InfoTypeAndValue[];

  constructor(params: Partial<PKIHeader> = {}) {
    Object.assign(this, params);
  }
}
