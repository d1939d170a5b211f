import { AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { CertRepMessage } from './cert_rep_message';
import { CertReqMessages } from './cert_req_messages';
import { CertConfirmContent } from './cert_status';
import { ErrorMsgContent } from './error_msg_content';
import { GenMsgContent, GenRepContent } from './info_type_and_value';
import { PollRepContent, PollReqContent } from './poll_content';
import { RevRepContent, RevReqContent } from './revocation';

/**
 * The message type and its content. Tags are EXPLICIT. The arms an end entity never uses
 * (popdecc, popdecr, krp, ckuann, cann, rann, crlann, nested) stay raw DER so they round-trip.
 *
 * ```asn1
 * PKIBody ::= CHOICE {       -- message-specific body elements
 *     ir       [0]  CertReqMessages,        --Initialization Request
 *     ip       [1]  CertRepMessage,         --Initialization Response
 *     cr       [2]  CertReqMessages,        --Certification Request
 *     cp       [3]  CertRepMessage,         --Certification Response
 *     p10cr    [4]  CertificationRequest,   --imported from [PKCS10]
 *     popdecc  [5]  POPODecKeyChallContent, --pop Challenge
 *     popdecr  [6]  POPODecKeyRespContent,  --pop Response
 *     kur      [7]  CertReqMessages,        --Key Update Request
 *     kup      [8]  CertRepMessage,         --Key Update Response
 *     krr      [9]  CertReqMessages,        --Key Recovery Request
 *     krp      [10] KeyRecRepContent,       --Key Recovery Response
 *     rr       [11] RevReqContent,          --Revocation Request
 *     rp       [12] RevRepContent,          --Revocation Response
 *     ccr      [13] CertReqMessages,        --Cross-Cert. Request
 *     ccp      [14] CertRepMessage,         --Cross-Cert. Response
 *     ckuann   [15] CAKeyUpdAnnContent,     --CA Key Update Ann.
 *     cann     [16] CertAnnContent,         --Certificate Ann.
 *     rann     [17] RevAnnContent,          --Revocation Ann.
 *     crlann   [18] CRLAnnContent,          --CRL Announcement
 *     pkiconf  [19] PKIConfirmContent,      --Confirmation
 *     nested   [20] NestedMessageContent,   --Nested Message
 *     genm     [21] GenMsgContent,          --General Message
 *     genp     [22] GenRepContent,          --General Response
 *     error    [23] ErrorMsgContent,        --Error Message
 *     certConf [24] CertConfirmContent,     --Certificate Confirm
 *     pollReq  [25] PollReqContent,         --Polling Request
 *     pollRep  [26] PollRepContent          --Polling Response
 * }
 *
 * PKIConfirmContent ::= NULL
 * ```
 */
@AsnType({ type: AsnTypeTypes.Choice })
export class PKIBody {
  @AsnProp({ type: CertReqMessages, context: 0 }) public ir?: CertReqMessages;
  @AsnProp({ type: CertRepMessage, context: 1 }) public ip?: CertRepMessage;
  @AsnProp({ type: CertReqMessages, context: 2 }) public cr?: CertReqMessages;
  @AsnProp({ type: CertRepMessage, context: 3 }) public cp?: CertRepMessage;
  @AsnProp({ type: CertificationRequest, context: 4 }) public p10cr?: CertificationRequest;
  @AsnProp({ type: AsnPropTypes.Any, context: 5 }) public popdecc?: ArrayBuffer;
  @AsnProp({ type: AsnPropTypes.Any, context: 6 }) public popdecr?: ArrayBuffer;
  @AsnProp({ type: CertReqMessages, context: 7 }) public kur?: CertReqMessages;
  @AsnProp({ type: CertRepMessage, context: 8 }) public kup?: CertRepMessage;
  @AsnProp({ type: CertReqMessages, context: 9 }) public krr?: CertReqMessages;
  @AsnProp({ type: AsnPropTypes.Any, context: 10 }) public krp?: ArrayBuffer;
  @AsnProp({ type: RevReqContent, context: 11 }) public rr?: RevReqContent;
  @AsnProp({ type: RevRepContent, context: 12 }) public rp?: RevRepContent;
  @AsnProp({ type: CertReqMessages, context: 13 }) public ccr?: CertReqMessages;
  @AsnProp({ type: CertRepMessage, context: 14 }) public ccp?: CertRepMessage;
  @AsnProp({ type: AsnPropTypes.Any, context: 15 }) public ckuann?: ArrayBuffer;
  @AsnProp({ type: AsnPropTypes.Any, context: 16 }) public cann?: ArrayBuffer;
  @AsnProp({ type: AsnPropTypes.Any, context: 17 }) public rann?: ArrayBuffer;
  @AsnProp({ type: AsnPropTypes.Any, context: 18 }) public crlann?: ArrayBuffer;
  @AsnProp({ type: AsnPropTypes.Null, context: 19 }) public pkiconf?: null;
  @AsnProp({ type: AsnPropTypes.Any, context: 20 }) public nested?: ArrayBuffer;
  @AsnProp({ type: GenMsgContent, context: 21 }) public genm?: GenMsgContent;
  @AsnProp({ type: GenRepContent, context: 22 }) public genp?: GenRepContent;
  @AsnProp({ type: ErrorMsgContent, context: 23 }) public error?: ErrorMsgContent;
  @AsnProp({ type: CertConfirmContent, context: 24 }) public certConf?: CertConfirmContent;
  @AsnProp({ type: PollReqContent, context: 25 }) public pollReq?: PollReqContent;
  @AsnProp({ type: PollRepContent, context: 26 }) public pollRep?: PollRepContent;

  constructor(params: Partial<PKIBody> = {}) {
    Object.assign(this, params);
  }
}

/** The body type names in tag order; `PKI_BODY_TYPES[tag]` names the arm with that tag. */
export const PKI_BODY_TYPES = [
  'ir', 'ip', 'cr', 'cp', 'p10cr', 'popdecc', 'popdecr', 'kur', 'kup', 'krr', 'krp', 'rr', 'rp', 'ccr', 'ccp',
  'ckuann', 'cann', 'rann', 'crlann', 'pkiconf', 'nested', 'genm', 'genp', 'error', 'certConf', 'pollReq', 'pollRep',
] as const;

export type PKIBodyType = (typeof PKI_BODY_TYPES)[number];

/** Which arm of the CHOICE a body holds (pkiconf's value is null, so presence is checked by key). */
export function pkiBodyType(body: PKIBody): PKIBodyType {
  const found = PKI_BODY_TYPES.find((name) => body[name] !== undefined);
  if (!found) throw new TypeError('PKIBody holds no known body type');
  return found;
}
