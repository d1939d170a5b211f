import { CmpDecodeError } from '../asn1/der_limits';
import type { PKIFailureInfoName } from '../asn1/pki_failure_info';
import { CmpProtocolError, type CmpProtocolErrorCode } from './cmp_protocol_error';

/**
 * The failInfo of the error message an EE sends when it abandons a transaction because of the
 * server's answer (RFC 9810 5.3.21, RFC 9483 3.6.4). Absent for what needs no report: an error
 * message from the server (never answered with another), the CA's own rejection (the transaction
 * is over), and an issued certificate we refuse (certConf with rejection already tells the CA).
 */
const FAIL_INFO: Partial<Record<CmpProtocolErrorCode, PKIFailureInfoName>> = {
  'unsupported-version': 'unsupportedVersion',
  'transactionid-mismatch': 'badRequest',
  'recipnonce-mismatch': 'badRecipientNonce',
  'missing-sender-nonce': 'badSenderNonce',
  unprotected: 'badMessageCheck',
  'bad-protection': 'badMessageCheck',
  'unexpected-sender': 'badMessageCheck',
  'untrusted-protection-certificate': 'badMessageCheck',
  'unexpected-body': 'badRequest',
  'unexpected-status': 'badRequest',
  'certreqid-mismatch': 'badCertId',
  'no-certificate': 'badRequest',
  'bad-content': 'badDataFormat',
};

export function failInfoToReport(error: unknown): PKIFailureInfoName | undefined {
  if (error instanceof CmpDecodeError) return 'badDataFormat';
  if (!(error instanceof CmpProtocolError) || error.details.refusedCertificate) return undefined;
  return FAIL_INFO[error.code];
}
