import type { CmpServer } from '../../src-shared/domain';
import { decodePkiMessage } from '../cmp/asn1';

/**
 * Whether the CA's answer carried no protection. Asked only after the engine accepted a negative
 * answer (it decoded these very bytes already), so decoding again cannot fail on a limit.
 */
export function isUnprotectedAnswer(response: Uint8Array): boolean {
  const message = decodePkiMessage(response);
  return !message.header.protectionAlg || !message.protection;
}

/**
 * The failure an administrator sees when a server's unprotected error or rejection was read
 * because of CmpServer.acceptUnprotectedErrors: nothing authenticates it, so the message says so
 * before the CA's own words, and names the switch that let it through.
 */
export function unprotectedAnswerReason(server: Pick<CmpServer, 'name'>, engineMessage: string): string {
  return `unprotected answer from CMP server "${server.name}", accepted only because "Accept unprotected error answers" is on for that server; it is not authenticated: ${engineMessage}`;
}
