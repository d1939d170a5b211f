import { OctetString } from '@peculiar/asn1-schema';
import { CRLReason, CRLReasons, Extension, Extensions, id_ce_cRLReasons } from '@peculiar/asn1-x509';
import type { ParsedCertificate } from '../../pki';
import { CertTemplate } from '../asn1/cert_template';
import { ErrorMsgContent } from '../asn1/error_msg_content';
import { GenMsgContent, InfoTypeAndValue } from '../asn1/info_type_and_value';
import { PKIBody } from '../asn1/pki_body';
import { PKIFailureInfo, type PKIFailureInfoName } from '../asn1/pki_failure_info';
import { PKIFreeText } from '../asn1/pki_free_text';
import { PKIMessage } from '../asn1/pki_message';
import { PKIStatus } from '../asn1/pki_status';
import { PKIStatusInfo } from '../asn1/pki_status_info';
import { PollReq, PollReqContent } from '../asn1/poll_content';
import { RevDetails, RevReqContent } from '../asn1/revocation';
import { buildHeader, cloneName, type HeaderOptions } from './header';
import { serializeDer } from '../../pki/asn1_codec';

/** Builds an unprotected pollReq for one outstanding request. */
export function buildPollReq(header: HeaderOptions, certReqId: number): PKIMessage {
  return new PKIMessage({ header: buildHeader(header), body: new PKIBody({ pollReq: new PollReqContent([new PollReq({ certReqId })]) }) });
}

/** Builds an unprotected genm asking the given questions. */
export function buildGenm(header: HeaderOptions, questions: InfoTypeAndValue[]): PKIMessage {
  return new PKIMessage({ header: buildHeader(header), body: new PKIBody({ genm: new GenMsgContent(questions) }) });
}

/** RFC 5280 CRLReason values an administrator may give for a revocation. */
export type RevocationReason = keyof typeof CRLReasons;

/** Builds an unprotected rr for one certificate, naming it by issuer and serial (RFC 9483 4.2). */
export function buildRr(header: HeaderOptions, certificate: ParsedCertificate, reason?: RevocationReason): PKIMessage {
  const tbs = certificate.asn.tbsCertificate;
  const details = new RevDetails({
    certDetails: new CertTemplate({ issuer: cloneName(tbs.issuer), serialNumber: tbs.serialNumber }),
    crlEntryDetails:
      reason === undefined
        ? undefined
        : new Extensions([
            new Extension({
              extnID: id_ce_cRLReasons,
              critical: false,
              extnValue: new OctetString(serializeDer(new CRLReason(CRLReasons[reason]))),
            }),
          ]),
  });
  return new PKIMessage({ header: buildHeader(header), body: new PKIBody({ rr: new RevReqContent([details]) }) });
}

export interface ErrorReport {
  failInfo?: PKIFailureInfoName[];
  /** Words for the other side's log. */
  text?: string;
  errorCode?: number;
}

/** Builds an unprotected error message telling the peer why we abandon the transaction. */
export function buildError(header: HeaderOptions, report: ErrorReport): PKIMessage {
  const text = report.text ? new PKIFreeText([report.text]) : undefined;
  const content = new ErrorMsgContent({
    pKIStatusInfo: new PKIStatusInfo({
      status: PKIStatus.rejection,
      statusString: text,
      failInfo: report.failInfo?.length ? PKIFailureInfo.fromNames(report.failInfo) : undefined,
    }),
    errorCode: report.errorCode,
    errorDetails: text,
  });
  return new PKIMessage({ header: buildHeader(header), body: new PKIBody({ error: content }) });
}
