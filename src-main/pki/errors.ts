/**
 * Typed errors of the PKI toolkit. Each carries a stable `code` the UI and the audit log can key on,
 * and a message an administrator can act on: which object, what was expected, what came.
 */
export type PkiErrorCode =
  | 'key_spec'
  | 'key_format'
  | 'unsupported_algorithm'
  | 'signature_failed'
  | 'certificate_format'
  | 'name_format'
  | 'san_format'
  | 'csr_format'
  | 'certificate_build'
  | 'trust_anchor'
  | 'pkcs7_format'
  | 'pkcs12';

/** Base class of every error thrown by src-main/pki. */
export class PkiError extends Error {
  readonly code: PkiErrorCode;

  constructor(code: PkiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A key algorithm/size text such as "ec:P-256" was not understood. */
export class KeySpecError extends PkiError {
  constructor(message: string) {
    super('key_spec', message);
  }
}

/** Key bytes or PEM could not be read (wrong format, wrong passphrase, too large). */
export class KeyFormatError extends PkiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('key_format', message, options);
  }
}

/** An algorithm (key type, curve, signature or digest) that cmp-desk does not support or refuses (SHA-1 signing). */
export class UnsupportedAlgorithmError extends PkiError {
  constructor(message: string) {
    super('unsupported_algorithm', message);
  }
}

/** node:crypto refused to produce a signature with the given key and algorithm. */
export class SignatureError extends PkiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('signature_failed', message, options);
  }
}

/** Certificate bytes or PEM are malformed, too large, or not a certificate. */
export class CertificateFormatError extends PkiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('certificate_format', message, options);
  }
}

/** A distinguished name text ("/CN=a/O=b") or DN part is invalid. */
export class NameFormatError extends PkiError {
  constructor(message: string) {
    super('name_format', message);
  }
}

/** A subject alternative name entry is invalid. */
export class SanFormatError extends PkiError {
  constructor(message: string) {
    super('san_format', message);
  }
}

/** A PKCS#10 certificate request is malformed or its signature does not verify. */
export class CsrFormatError extends PkiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('csr_format', message, options);
  }
}

/** The inputs to issue a certificate are inconsistent (e.g. issuer key does not match issuer certificate). */
export class CertificateBuildError extends PkiError {
  constructor(message: string) {
    super('certificate_build', message);
  }
}

/** A certificate offered as trust anchor is not acceptable as one. */
export class TrustAnchorError extends PkiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('trust_anchor', message, options);
  }
}

/** A PKCS#7 certificate bundle is malformed. */
export class Pkcs7FormatError extends PkiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('pkcs7_format', message, options);
  }
}

/** A PKCS#12 file could not be built. */
export class Pkcs12Error extends PkiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('pkcs12', message, options);
  }
}

/** The message of an unknown thrown value, for wrapping library errors into ours. */
export function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
