/**
 * Size limits for untrusted input. A certificate larger than 64 KiB is not one we want to parse;
 * a PEM bundle larger than 4 MiB is not a trust store an administrator means to import.
 */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
export const MAX_KEY_BYTES = 64 * 1024;
export const MAX_CSR_BYTES = 64 * 1024;
export const MAX_PEM_BUNDLE_BYTES = 4 * 1024 * 1024;
