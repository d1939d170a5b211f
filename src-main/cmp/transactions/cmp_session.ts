import type { Name } from '@peculiar/asn1-x509';
import type { DerLimits } from '../asn1/der_limits';
import type { Protector } from '../protection/protectors';
import type { CmpTransport } from '../transport';
import type { ServerTrust } from '../validation/server_trust';
import type { Clock } from './clock';
import type { TransactionListener } from './transaction_events';

/** One CMP server as a transaction talks to it: transport, our credentials, how to trust answers, limits. */
export interface CmpSession {
  transport: CmpTransport;
  /** How our messages are protected (shared secret or signature). */
  protector: Protector;
  trust: ServerTrust;
  /** Our name in headers. */
  sender: Name;
  /** The CA's name; an empty Name when unknown. */
  recipient: Name;
  /** Bound for one request/response round trip; default 30 s. */
  messageTimeoutMs?: number;
  /** Bound for the whole transaction including polling; default 10 min. */
  totalTimeoutMs?: number;
  signal?: AbortSignal;
  clock?: Clock;
  onProgress?: TransactionListener;
  /** Limits for decoding responses. */
  decodeLimits?: Partial<DerLimits>;
}

export const DEFAULT_MESSAGE_TIMEOUT_MS = 30_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60_000;
