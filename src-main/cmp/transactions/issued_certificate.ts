import type { KeyObject } from 'node:crypto';
import { parseCertificateDer, sameSubjectPublicKey, type ParsedCertificate } from '../../pki';
import type { CertificateRefusal } from './certificate_acceptance';
import { CmpSnapshotError } from './snapshot_error';
import { fromBase64, toBase64, type IssuedSnapshot } from './transaction_snapshot';

/** A certificate the CA issued in this transaction, from `received` until certConf is answered. */
export interface IssuedCertificate {
  certificate: ParsedCertificate;
  /** Leaf first, trust anchor last; empty for a certificate we refuse. */
  chain: ParsedCertificate[];
  caPubs: ParsedCertificate[];
  warnings: string[];
  /** The CA granted implicit confirmation in its answer. */
  implicitConfirmGranted: boolean;
  /** Present when we refuse it: what certConf tells the CA. */
  refusal?: CertificateRefusal;
}

export function issuedToSnapshot(issued: IssuedCertificate): IssuedSnapshot {
  const der = (certificate: ParsedCertificate) => toBase64(certificate.der);
  return {
    certificate: der(issued.certificate),
    chain: issued.chain.map(der),
    caPubs: issued.caPubs.map(der),
    warnings: [...issued.warnings],
    implicitConfirmGranted: issued.implicitConfirmGranted,
    refusal: issued.refusal ? { failInfo: [...issued.refusal.failInfo], reason: issued.refusal.reason, by: issued.refusal.by } : undefined,
  };
}

/**
 * The issued certificate of a journaled snapshot, parsed again. Unless we refuse it, it must
 * certify the key of the request being resumed: a snapshot journaled for another record must not
 * confirm its certificate (a refused one is refused precisely because its key may differ).
 */
export function issuedFromSnapshot(snapshot: IssuedSnapshot, requestedPublicKey: KeyObject): IssuedCertificate {
  const parse = (base64: string, field: string): ParsedCertificate => {
    try {
      return parseCertificateDer(fromBase64(base64));
    } catch (error) {
      throw new CmpSnapshotError(`is not a certificate: ${error instanceof Error ? error.message : String(error)}`, field, { cause: error });
    }
  };
  const certificate = parse(snapshot.certificate, 'issued.certificate');
  if (!snapshot.refusal && !sameSubjectPublicKey(certificate.publicKey, requestedPublicKey)) {
    throw new CmpSnapshotError(`certifies another key than the request being resumed ("${certificate.subject}")`, 'issued.certificate');
  }
  return {
    certificate,
    chain: snapshot.chain.map((der, index) => parse(der, `issued.chain.${index}`)),
    caPubs: snapshot.caPubs.map((der, index) => parse(der, `issued.caPubs.${index}`)),
    warnings: [...snapshot.warnings],
    implicitConfirmGranted: snapshot.implicitConfirmGranted,
    refusal: snapshot.refusal ? { failInfo: [...snapshot.refusal.failInfo], reason: snapshot.refusal.reason, by: snapshot.refusal.by ?? 'engine' } : undefined,
  };
}
