import type { PKIFailureInfoName } from '../cmp/asn1';

/**
 * The lab CA refuses a CMP request: the failInfo bits and the text go back to the client in a
 * PKIStatusInfo (RFC 9810 5.2.3), inside an error message or the certificate response.
 */
export class CmpRequestRefused extends Error {
  constructor(readonly failInfo: PKIFailureInfoName, readonly text: string) {
    super(`${failInfo}: ${text}`);
    this.name = 'CmpRequestRefused';
  }
}
