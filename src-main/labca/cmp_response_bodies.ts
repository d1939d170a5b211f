import {
  CertifiedKeyPair, CertOrEncCert, CertRepMessage, CertResponse, CMPCertificate, ErrorMsgContent, PKIBody,
  PKIFailureInfo, type PKIFailureInfoName, PKIFreeText, PKIStatus, PKIStatusInfo, PollRep, PollRepContent,
  RevRepContent,
} from '../cmp/asn1';
import type { CertificateRequestKind } from './cmp_request_kinds';
import { responseBodyFor } from './cmp_request_kinds';
import { PreEncodedCertificate } from './pre_encoded';

/**
 * Bodies of the lab CA's answers (RFC 9810 5.3): ip/cp/kup, pollRep, pkiConf, rp and error.
 * genp lives in general_messages.ts.
 */

export function statusInfo(status: PKIStatus, failInfo?: PKIFailureInfoName, text?: string): PKIStatusInfo {
  return new PKIStatusInfo({
    status,
    failInfo: failInfo ? PKIFailureInfo.fromNames([failInfo]) : undefined,
    statusString: text ? new PKIFreeText([text]) : undefined,
  });
}

/** A certificate we send, written into the message as its DER (see PreEncodedCertificate). */
export function cmpCertificate(der: Uint8Array): CMPCertificate {
  return new CMPCertificate({ x509v3PKCert: new PreEncodedCertificate(der), x509v3PKCertRaw: der });
}

/** A CertResponse carrying the new certificate (DER). */
export function acceptedResponse(certReqId: number, certificateDer: Uint8Array): CertResponse {
  return new CertResponse({
    certReqId,
    status: statusInfo(PKIStatus.accepted),
    certifiedKeyPair: new CertifiedKeyPair({ certOrEncCert: new CertOrEncCert({ certificate: cmpCertificate(certificateDer) }) }),
  });
}

/** A CertResponse without a certificate: `waiting` or `rejection`. */
export function statusResponse(certReqId: number, status: PKIStatusInfo): CertResponse {
  return new CertResponse({ certReqId, status });
}

/** ip, cp or kup for the request kind, with caPubs when given (MAC-protected ir, RFC 9483 4.1.1). */
export function certRepBody(kind: CertificateRequestKind, responses: CertResponse[], caPubs?: Uint8Array[]): PKIBody {
  const content = new CertRepMessage({ response: responses, caPubs: caPubs?.map(cmpCertificate) });
  return new PKIBody({ [responseBodyFor[kind]]: content });
}

export function pollRepBody(certReqId: number, checkAfterSeconds: number, reason?: string): PKIBody {
  return new PKIBody({
    pollRep: new PollRepContent([new PollRep({ certReqId, checkAfter: checkAfterSeconds, reason: reason ? new PKIFreeText([reason]) : undefined })]),
  });
}

export function pkiConfBody(): PKIBody {
  return new PKIBody({ pkiconf: null });
}

export function errorBody(failInfo: PKIFailureInfoName, text: string): PKIBody {
  return new PKIBody({
    error: new ErrorMsgContent({ pKIStatusInfo: statusInfo(PKIStatus.rejection, failInfo, text), errorDetails: new PKIFreeText([text]) }),
  });
}

export function revocationResponseBody(statuses: PKIStatusInfo[]): PKIBody {
  return new PKIBody({ rp: new RevRepContent({ status: statuses }) });
}
