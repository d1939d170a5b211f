import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { PKIMessage } from '../cmp/asn1';
import type { ProtectedParts } from '../cmp/protection';
import type { ParsedCertificate } from '../pki/certificate';

/**
 * Who protected a request, once the protection verified:
 * - `mac`: PBM or PBMAC1 with the secret of a configured reference (senderKID);
 * - `signature`: a certificate this CA issued, confirmed, unexpired (revocation is checked by
 *   each request kind, so that kur can answer certRevoked).
 */
export type VerifiedSender =
  | { kind: 'mac'; reference: Uint8Array; secret: Uint8Array; algorithm: MacAlgorithmKind; protectionAlg?: AlgorithmIdentifier }
  | { kind: 'signature'; signer: ParsedCertificate };

export type MacAlgorithmKind = 'pbm' | 'pbmac1';

/**
 * How the lab CA protects its answer: MAC for MAC (same reference and secret, and the request's
 * protectionAlg, so the MAC key derived to verify the request serves the answer too), its signer otherwise.
 */
export type ResponseProtection =
  | { kind: 'mac'; reference: Uint8Array; secret: Uint8Array; algorithm: MacAlgorithmKind; protectionAlg?: AlgorithmIdentifier }
  | { kind: 'signature' };

export function responseProtectionFor(sender: VerifiedSender): ResponseProtection {
  return sender.kind === 'mac' ? sender : { kind: 'signature' };
}

/** True when two senders are the same party (certConf and pollReq must come from who opened the transaction). */
export function sameSender(a: VerifiedSender, b: VerifiedSender): boolean {
  if (a.kind === 'mac' && b.kind === 'mac') return Buffer.from(a.reference).equals(b.reference);
  if (a.kind === 'signature' && b.kind === 'signature') return a.signer.serialHex === b.signer.serialHex;
  return false;
}

/** The protection operations the CMP front end calls; implemented over src-main/cmp/protection. */
export interface ProtectionPolicy {
  /** Throws CmpRequestRefused (badMessageCheck, signerNotTrusted, …) when the protection does not verify. */
  verifyRequest(message: PKIMessage, sharedSecrets: ReadonlyMap<string, Uint8Array>, acceptSignatures: boolean): VerifiedSender;
  /**
   * Sets protectionAlg and senderKID in the header, computes the protection, adds extraCerts;
   * returns the header and body DER it protected (for encodeProtectedMessage).
   */
  protectResponse(message: PKIMessage, protection: ResponseProtection): ProtectedParts;
}
