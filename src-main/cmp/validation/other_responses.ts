import type { InfoTypeAndValue } from '../asn1/info_type_and_value';
import { PKIMessage } from '../asn1/pki_message';
import { PKIStatus, pkiStatusName } from '../asn1/pki_status';
import { CmpProtocolError } from './cmp_protocol_error';
import { describePeerFailure } from './peer_status';

/** A CA asking us to wait more than a day per poll is misconfigured; we cap it and say so. */
export const MAX_CHECK_AFTER_SECONDS = 24 * 3600;

/** The checkAfter (seconds) of a pollRep for our request. */
export function readPollRep(message: PKIMessage, certReqId: number): { checkAfterSeconds: number; reason: string[] } {
  const entries = message.body.pollRep;
  if (!entries) throw new CmpProtocolError('unexpected-body', 'expected a pollRep', { expected: 'pollRep' });
  if (entries.length !== 1 || entries[0].certReqId !== certReqId) {
    throw new CmpProtocolError('certreqid-mismatch', 'the pollRep does not answer our request', {
      expected: `one entry with certReqId ${certReqId}`,
      received: `certReqIds [${entries.map((e) => e.certReqId).join(', ')}]`,
    });
  }
  const checkAfter = entries[0].checkAfter;
  if (!Number.isSafeInteger(checkAfter) || checkAfter < 0 || checkAfter > MAX_CHECK_AFTER_SECONDS) {
    throw new CmpProtocolError('bad-content', 'the pollRep asks for an unusable waiting time', {
      expected: `checkAfter 0..${MAX_CHECK_AFTER_SECONDS} seconds`,
      received: `${checkAfter}`,
    });
  }
  return { checkAfterSeconds: checkAfter, reason: [...(entries[0].reason ?? [])] };
}

/** The answers of a genp. */
export function readGenp(message: PKIMessage): InfoTypeAndValue[] {
  if (!message.body.genp) throw new CmpProtocolError('unexpected-body', 'expected a genp', { expected: 'genp' });
  return [...message.body.genp];
}

/** The outcome of an rr: accepted (possibly with a warning) or a typed rejection. */
export function readRevocationResponse(message: PKIMessage): { status: string; text: string[] } {
  const content = message.body.rp;
  if (!content) throw new CmpProtocolError('unexpected-body', 'expected an rp', { expected: 'rp' });
  if (content.status.length !== 1) {
    throw new CmpProtocolError('bad-content', 'the rp does not hold exactly one status', { expected: '1 status', received: `${content.status.length}` });
  }
  const info = content.status[0];
  const peer = describePeerFailure(info);
  if (info.status === PKIStatus.rejection) throw new CmpProtocolError('rejected', 'the CA refused the revocation', { failInfo: peer.failInfo, peerText: peer.text });
  const acceptable = [PKIStatus.accepted, PKIStatus.grantedWithMods, PKIStatus.revocationWarning, PKIStatus.revocationNotification];
  if (!acceptable.includes(info.status)) {
    throw new CmpProtocolError('unexpected-status', 'the rp has a status that does not fit a revocation', { expected: acceptable.map(pkiStatusName).join(', '), received: peer.status });
  }
  return { status: peer.status, text: peer.text };
}
