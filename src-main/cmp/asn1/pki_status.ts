/**
 * The outcome a CA reports for a request.
 *
 * ```asn1
 * PKIStatus ::= INTEGER {
 *     accepted                (0),
 *     grantedWithMods        (1),
 *     rejection              (2),
 *     waiting                (3),
 *     revocationWarning      (4),
 *     revocationNotification (5),
 *     keyUpdateWarning       (6)
 * }
 * ```
 */
export enum PKIStatus {
  accepted = 0,
  grantedWithMods = 1,
  rejection = 2,
  waiting = 3,
  revocationWarning = 4,
  revocationNotification = 5,
  keyUpdateWarning = 6,
}

/** The RFC name of a status value, or `unknown(n)` for values outside the RFC. */
export function pkiStatusName(status: number): string {
  return PKIStatus[status] ?? `unknown(${status})`;
}
