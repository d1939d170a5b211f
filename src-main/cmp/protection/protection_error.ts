/** What went wrong with a message's protection, in the terms an administrator reads in a log. */
export type ProtectionFailure =
  | 'missing-protection'
  | 'unsupported-algorithm'
  | 'bad-parameters'
  | 'iteration-count-too-high'
  | 'no-secret'
  | 'mac-mismatch'
  | 'no-signer-certificate'
  | 'sender-kid-mismatch'
  | 'signature-invalid';

/** Thrown by protect() and verifyProtection(): which check failed, what was expected, what came. */
export class CmpProtectionError extends Error {
  override readonly name = 'CmpProtectionError';

  constructor(
    readonly failure: ProtectionFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
