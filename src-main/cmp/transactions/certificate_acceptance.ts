import type { ParsedCertificate } from '../../pki';
import type { PKIFailureInfoName } from '../asn1/pki_failure_info';

/** What an accept hook may look at besides the certificate. */
export interface AcceptanceContext {
  requestType: 'ir' | 'cr' | 'kur' | 'p10cr';
  /** The verified chain, leaf first, trust anchor last. */
  chain: readonly ParsedCertificate[];
  /** When the answer carrying the certificate arrived (the transaction's clock). */
  receivedAt: Date;
}

/**
 * The caller's own rule on a certificate that passed every check of the engine (key, chain,
 * subject, SANs): undefined accepts it, a verdict refuses it in certConf. Called once per
 * transaction, before certConf is built; the decision is journaled with the certificate, so a
 * resumed transaction confirms or refuses exactly as decided and the hook is not asked again.
 */
export type CertificateAcceptance = (certificate: ParsedCertificate, context: AcceptanceContext) => undefined | { failInfo: PKIFailureInfoName; reason: string };

/**
 * A certificate we refuse in certConf (status rejection). `by` tells who refused it: the engine's
 * own checks, or the caller's accept hook (e.g. the lifecycle's renew-before-expiry rule).
 */
export interface CertificateRefusal {
  failInfo: PKIFailureInfoName[];
  reason: string;
  by: 'engine' | 'caller';
}
