import { Certificate } from '@peculiar/asn1-x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  CertifiedKeyPair, CertOrEncCert, CertRepMessage, CertResponse, CMPCertificate, ErrorMsgContent, PKIBody,
  PKIFailureInfo, type PKIFailureInfoName, PKIFreeText, PKIStatus, PKIStatusInfo, PollRep, PollRepContent,
  RevRepContent,
} from '../cmp/asn1';
import type { CertificateRequestKind } from './cmp_request_kinds';
import { responseBodyFor } from './cmp_request_kinds';

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

/** Decoded once per DER buffer: the CA certificates go into every response, and decoding is the slow part. */
const decodedCertificates = new WeakMap<Uint8Array, CMPCertificate>();

export function cmpCertificate(der: Uint8Array): CMPCertificate {
  let decoded = decodedCertificates.get(der);
  if (!decoded) {
    decoded = new CMPCertificate({ x509v3PKCert: AsnConvert.parse(der, Certificate), x509v3PKCertRaw: der });
    decodedCertificates.set(der, decoded);
  }
  return decoded;
}

/** A CertResponse carrying the new certificate. */
export function acceptedResponse(certReqId: number, certificate: Certificate): CertResponse {
  return new CertResponse({
    certReqId,
    status: statusInfo(PKIStatus.accepted),
    certifiedKeyPair: new CertifiedKeyPair({ certOrEncCert: new CertOrEncCert({ certificate: new CMPCertificate({ x509v3PKCert: certificate }) }) }),
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
