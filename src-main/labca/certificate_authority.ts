import type { KeyObject } from 'node:crypto';
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { ParsedCertificate } from '../pki/certificate';
import type { CertificateWish } from './certificate_wishes';
import type { IssuedCertificateDatabase, RevocationReason } from './issued_certificates';

export interface IssuedCertificateResult {
  der: Uint8Array;
  serialHex: string;
  /** The CA's signature algorithm on it; its hash is the default certConf certHash algorithm. */
  signatureAlgorithm: AlgorithmIdentifier;
}

/** What the CMP front end needs from the lab CA's store: the chain, the signer, issuing and revoking. */
export interface CertificateAuthority {
  root: ParsedCertificate;
  /** The issuing CA; it also signs CMP responses and the CRL. */
  issuing: ParsedCertificate;
  issuingKey: KeyObject;
  database: IssuedCertificateDatabase;
  /**
   * Builds and signs an end-entity certificate for `wish`, records it as awaiting confirmation. `validitySeconds` counts from now.
   */
  issue(wish: CertificateWish, validitySeconds: number, transactionIdHex: string): Promise<IssuedCertificateResult>;
  revoke(serialHex: string, reason: RevocationReason): void;
}
