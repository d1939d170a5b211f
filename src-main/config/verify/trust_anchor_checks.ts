import type { Finding } from '../../../src-shared/ipc/config_verify';
import type { ConfigSnapshot } from '../config_snapshot';
import { about, finding } from './finding';

const day = 86_400_000;

/** Expired and soon-expiring trust anchors: a CA certificate cannot be renewed by CMP here (reference/000). */
export function trustAnchorFindings(snapshot: ConfigSnapshot, now: Date): Finding[] {
  const warnBefore = snapshot.globalConfig.expiryWarningDays * day;
  return snapshot.trustAnchors.flatMap((anchor) => {
    const left = Date.parse(anchor.notAfter) - now.getTime();
    const target = about('trust-anchor', anchor);
    if (left <= 0) {
      return [finding('error', 'trust-anchor-expired', target, `The trust anchor expired at ${anchor.notAfter}; nothing it signs can be verified`, 'Import the CA\'s new certificate, change the TLS profiles and CMP servers that use this one to it, then delete this one')];
    }
    if (left <= warnBefore) {
      return [finding('warning', 'trust-anchor-expiring', target, `The trust anchor expires at ${anchor.notAfter}, in ${Math.ceil(left / day)} days`, 'Get the CA\'s successor certificate, verify its fingerprint out of band and import it before this one expires')];
    }
    return [];
  });
}
