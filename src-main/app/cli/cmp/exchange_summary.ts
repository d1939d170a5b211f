import { decodePkiMessage } from '../../../cmp/asn1/decode';
import { pkiBodyType } from '../../../cmp/asn1/pki_body';
import type { PKIMessage } from '../../../cmp/asn1/pki_message';
import { pkiStatusName } from '../../../cmp/asn1/pki_status';
import type { PKIStatusInfo } from '../../../cmp/asn1/pki_status_info';

/** One message of an exchange as `--verbose` shows it: direction, body type, status, transactionID. */
export interface MessageSummary {
  direction: 'sent' | 'received';
  type: string;
  transactionId: string;
  /** The PKIStatus (with failInfo) or other one-word outcome the body carries, when it has one. */
  status?: string;
}

function statusText(info: PKIStatusInfo): string {
  const failInfo = info.failInfo?.names() ?? [];
  return failInfo.length ? `${pkiStatusName(info.status)} (${failInfo.join(', ')})` : pkiStatusName(info.status);
}

function bodyStatus(message: PKIMessage): string | undefined {
  const body = message.body;
  const certResponse = (body.ip ?? body.cp ?? body.kup)?.response[0];
  if (certResponse) return statusText(certResponse.status);
  if (body.rp?.status[0]) return statusText(body.rp.status[0]);
  if (body.error) return statusText(body.error.pKIStatusInfo);
  if (body.certConf?.[0]) return body.certConf[0].statusInfo ? statusText(body.certConf[0].statusInfo) : 'accepted';
  if (body.pollRep?.[0]) return `checkAfter ${body.pollRep[0].checkAfter} s`;
  return undefined;
}

/** Summarizes DER bytes; bytes that do not decode are shown as such instead of failing the command. */
export function summarizeMessage(direction: MessageSummary['direction'], der: Uint8Array): MessageSummary {
  let message: PKIMessage;
  try {
    message = decodePkiMessage(der);
  } catch {
    return { direction, type: `undecodable (${der.byteLength} bytes)`, transactionId: '-' };
  }
  const id = message.header.transactionID;
  return {
    direction,
    type: pkiBodyType(message.body),
    transactionId: id ? Buffer.from(id).toString('hex') : '-',
    status: bodyStatus(message),
  };
}

export function formatSummary(summary: MessageSummary): string {
  const arrow = summary.direction === 'sent' ? '->' : '<-';
  const status = summary.status ? ` status=${summary.status}` : '';
  return `${arrow} ${summary.type.padEnd(8)} transactionID=${summary.transactionId}${status}`;
}
