import type { PKIBodyType } from '../asn1/pki_body';
import type { TransactionState } from './transaction_state';

/** Progress a transaction reports while it runs; the lifecycle journals and shows these. */
export type TransactionEvent =
  | { type: 'state'; state: TransactionState; at: Date }
  | { type: 'message-sent'; messageType: PKIBodyType; at: Date; retransmission?: boolean }
  | { type: 'message-received'; messageType: PKIBodyType; protection: 'mac' | 'signature' | 'none'; at: Date }
  | { type: 'poll-scheduled'; checkAfterSeconds: number; nextPollAt: Date; attempt: number }
  | { type: 'warning'; text: string };

export type TransactionListener = (event: TransactionEvent) => void;
