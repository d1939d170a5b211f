import type { ParsedCertificate } from '../../pki';

/** Which rule a response broke; stable words for logs, the journal and the UI. */
export type CmpProtocolErrorCode =
  | 'unexpected-body'
  | 'unsupported-version'
  | 'transactionid-mismatch'
  | 'recipnonce-mismatch'
  | 'missing-sender-nonce'
  | 'unprotected'
  | 'bad-protection'
  | 'unexpected-sender'
  | 'untrusted-protection-certificate'
  | 'error-message'
  | 'rejected'
  | 'unexpected-status'
  | 'certreqid-mismatch'
  | 'no-certificate'
  | 'public-key-mismatch'
  | 'untrusted-certificate'
  | 'bad-content';

export interface CmpProtocolErrorDetails {
  expected?: string;
  received?: string;
  /** PKIFailureInfo names the peer sent. */
  failInfo?: string[];
  /** The peer's statusString / errorDetails. */
  peerText?: string[];
  /** The issued certificate we refuse, so the transaction can reject it in certConf. */
  refusedCertificate?: ParsedCertificate;
}

/** A response that cannot be accepted: which rule, what was expected, what came. */
export class CmpProtocolError extends Error {
  override readonly name = 'CmpProtocolError';

  constructor(
    readonly code: CmpProtocolErrorCode,
    /** The rule that was broken, before the details are appended to form `message`. */
    readonly summary: string,
    readonly details: CmpProtocolErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(composeMessage(summary, details), options);
  }

  /** The same error, carrying the certificate to reject in certConf. */
  refusing(certificate: ParsedCertificate): CmpProtocolError {
    return new CmpProtocolError(this.code, this.summary, { ...this.details, refusedCertificate: certificate }, { cause: this.cause });
  }
}

function composeMessage(message: string, details: CmpProtocolErrorDetails): string {
  const parts = [message];
  if (details.expected !== undefined) parts.push(`expected ${details.expected}`);
  if (details.received !== undefined) parts.push(`received ${details.received}`);
  if (details.failInfo?.length) parts.push(`failInfo ${details.failInfo.join(', ')}`);
  if (details.peerText?.length) parts.push(`the server says "${details.peerText.join(' / ')}"`);
  return parts.join('; ');
}
