import type { KeyObject } from 'node:crypto';
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { ParsedCertificate, RsaSignatureScheme, SigningDigest } from '../../pki';
import type { PasswordBasedMacSettings } from './password_based_mac';
import type { Pbmac1Settings } from './pbmac1';

/** Shared-secret protection with PasswordBasedMac; `reference` becomes senderKID. */
export interface PasswordBasedMacProtector {
  kind: 'password-based-mac';
  reference: Uint8Array;
  secret: Uint8Array;
  settings?: Partial<PasswordBasedMacSettings>;
  /**
   * Protect with exactly this protectionAlg (salt and parameters) instead of a fresh salt: a
   * transaction's later messages reuse its first one's, a server answers with the request's.
   * The MAC key is then derived once for all of them (derived_key_cache).
   */
  protectionAlg?: AlgorithmIdentifier;
}

/** Shared-secret protection with PBMAC1; `reference` becomes senderKID. */
export interface Pbmac1Protector {
  kind: 'pbmac1';
  reference: Uint8Array;
  secret: Uint8Array;
  settings?: Partial<Pbmac1Settings>;
  /** As for PasswordBasedMacProtector: reuse this protectionAlg (salt and parameters). */
  protectionAlg?: AlgorithmIdentifier;
}

/**
 * Signature protection with the key of `certificate`; its SKID becomes senderKID, and extraCerts
 * carry the certificate followed by `chain` (RFC 9483 3.3).
 */
export interface SignatureProtector {
  kind: 'signature';
  privateKey: KeyObject;
  certificate: ParsedCertificate;
  chain?: ParsedCertificate[];
  digest?: SigningDigest;
  rsaScheme?: RsaSignatureScheme;
}

export type Protector = PasswordBasedMacProtector | Pbmac1Protector | SignatureProtector;

/** What a received message is checked with; the caller chooses the signer (extraCerts or pinned). */
export interface ProtectionVerifier {
  /** The shared secret for MAC-protected messages; without it a MAC is refused. */
  secret?: Uint8Array;
  /** The certificate whose key must have produced a signature. */
  signerCertificate?: ParsedCertificate;
  /** Upper bound for peer-chosen iteration counts; default DEFAULT_MAX_ITERATION_COUNT. */
  maxIterationCount?: number;
}

export interface VerifiedProtection {
  kind: 'mac' | 'signature';
  /** The protectionAlg OID. */
  algorithm: string;
}
