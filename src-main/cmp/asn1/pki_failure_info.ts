import { BitString } from '@peculiar/asn1-schema';

/** Bit names of PKIFailureInfo, indexed by bit number (RFC 9810 5.2.3). */
export const PKI_FAILURE_INFO_NAMES = [
  'badAlg', 'badMessageCheck', 'badRequest', 'badTime', 'badCertId', 'badDataFormat', 'wrongAuthority',
  'incorrectData', 'missingTimeStamp', 'badPOP', 'certRevoked', 'certConfirmed', 'wrongIntegrity',
  'badRecipientNonce', 'timeNotAvailable', 'unacceptedPolicy', 'unacceptedExtension', 'addInfoNotAvailable',
  'badSenderNonce', 'badCertTemplate', 'signerNotTrusted', 'transactionIdInUse', 'unsupportedVersion',
  'notAuthorized', 'systemUnavail', 'systemFailure', 'duplicateCertReq',
] as const;

export type PKIFailureInfoName = (typeof PKI_FAILURE_INFO_NAMES)[number];

/**
 * Why a CA failed a request, as named bits; administrators see the names.
 *
 * ```asn1
 * PKIFailureInfo ::= BIT STRING {
 *     badAlg              (0),
 *     badMessageCheck     (1),
 *     badRequest          (2),
 *     badTime             (3),
 *     badCertId           (4),
 *     badDataFormat       (5),
 *     wrongAuthority      (6),
 *     incorrectData       (7),
 *     missingTimeStamp    (8),
 *     badPOP              (9),
 *     certRevoked         (10),
 *     certConfirmed       (11),
 *     wrongIntegrity      (12),
 *     badRecipientNonce   (13),
 *     timeNotAvailable    (14),
 *     unacceptedPolicy    (15),
 *     unacceptedExtension (16),
 *     addInfoNotAvailable (17),
 *     badSenderNonce      (18),
 *     badCertTemplate     (19),
 *     signerNotTrusted    (20),
 *     transactionIdInUse  (21),
 *     unsupportedVersion  (22),
 *     notAuthorized       (23),
 *     systemUnavail       (24),
 *     systemFailure       (25),
 *     duplicateCertReq    (26)
 * }
 * ```
 */
export class PKIFailureInfo extends BitString {
  /** Builds the DER form of a named bit list: trailing zero bits removed, as X.690 11.2.2 requires. */
  static fromNames(names: readonly PKIFailureInfoName[]): PKIFailureInfo {
    const bits = names.map((name) => PKI_FAILURE_INFO_NAMES.indexOf(name));
    const highest = Math.max(-1, ...bits);
    const bytes = new Uint8Array(Math.ceil((highest + 1) / 8));
    for (const bit of bits) bytes[bit >> 3] |= 0x80 >> (bit & 7);
    const unusedBits = bytes.length * 8 - (highest + 1);
    return new PKIFailureInfo(bytes, unusedBits);
  }

  /** Names of the set bits; unknown bits appear as `bit<n>` so nothing a peer says is hidden. */
  names(): string[] {
    const bytes = new Uint8Array(this.value);
    const result: string[] = [];
    const bitCount = bytes.length * 8 - this.unusedBits;
    for (let bit = 0; bit < bitCount; bit++) {
      if (bytes[bit >> 3] & (0x80 >> (bit & 7))) result.push(PKI_FAILURE_INFO_NAMES[bit] ?? `bit${bit}`);
    }
    return result;
  }
}
