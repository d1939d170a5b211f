/**
 * The states of a CMP transaction as the administrator sees them on the timeline.
 * - preparing: building and protecting the request
 * - sent: request on the wire, waiting for the answer
 * - waiting: the CA said "waiting"; the next poll is scheduled
 * - polling: a pollReq is on the wire
 * - received: the answer arrived and passed every check
 * - confirming: certConf sent, waiting for pkiConf
 * - confirmed: the certificate is ours (pkiConf received or implicit confirm granted)
 * - completed: a genm or rr finished
 * - rejected: the CA refused, or we refused the certificate in certConf
 * - failed: transport, timeout, cancellation or a response that broke the rules
 */
export type TransactionState =
  | 'preparing'
  | 'sent'
  | 'waiting'
  | 'polling'
  | 'received'
  | 'confirming'
  | 'confirmed'
  | 'completed'
  | 'rejected'
  | 'failed';

const NEXT: Record<TransactionState, readonly TransactionState[]> = {
  preparing: ['sent', 'failed'],
  sent: ['waiting', 'received', 'completed', 'rejected', 'failed'],
  waiting: ['polling', 'failed'],
  polling: ['waiting', 'received', 'rejected', 'failed'],
  received: ['confirming', 'confirmed', 'failed'],
  confirming: ['confirmed', 'rejected', 'failed'],
  confirmed: [],
  completed: [],
  rejected: [],
  failed: [],
};

export function isFinalState(state: TransactionState): boolean {
  return NEXT[state].length === 0;
}

/** Refuses transitions the protocol does not have, so a bug cannot show a state that never happened. */
export function assertTransition(from: TransactionState, to: TransactionState): void {
  if (!NEXT[from].includes(to)) throw new Error(`CMP transaction cannot go from ${from} to ${to}`);
}
