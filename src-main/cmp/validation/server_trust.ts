import type { Name } from '@peculiar/asn1-x509';
import type { ParsedCertificate } from '../../pki';

/** How responses of one CMP server are authenticated (the CmpServer and CmpProfile settings). */
export interface ServerTrust {
  /** The shared secret: MAC-protected responses are accepted with it. */
  secret?: Uint8Array;
  /** A pinned CMP server certificate: signed responses must come from exactly this certificate. */
  pinnedServerCertificate?: ParsedCertificate;
  /** Otherwise signed responses must come from a certificate chaining to one of these. */
  trustAnchors?: readonly ParsedCertificate[];
  /** The sender name responses must carry; default the pinned certificate's subject, if any. */
  expectedSender?: Name;
  /** Accept unprotected error messages and negative responses (off by default, RFC 9483 3.6.4). */
  acceptUnprotectedErrors?: boolean;
  /** Bound for peer-chosen MAC iteration counts. */
  maxIterationCount?: number;
}
