import { pkiStatusName } from '../asn1/pki_status';
import type { PKIStatusInfo } from '../asn1/pki_status_info';

/** A peer's PKIStatusInfo in readable parts. */
export interface PeerStatus {
  status: string;
  failInfo: string[];
  text: string[];
}

export function describePeerFailure(info: PKIStatusInfo): PeerStatus {
  return { status: pkiStatusName(info.status), failInfo: info.failInfo?.names() ?? [], text: [...(info.statusString ?? [])] };
}
