import type { Name } from '@peculiar/asn1-x509';
import type { DerLimits } from '../asn1/der_limits';
import type { Protector } from '../protection/protectors';
import type { CmpTransport } from '../transport';
import type { ServerTrust } from '../validation/server_trust';
import type { Clock } from './clock';
import type { TransactionListener } from './transaction_events';
import type { TransactionSnapshot } from './transaction_snapshot';

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
  /**
   * Write-ahead journal: awaited before every message goes on the wire (the snapshot then holds
   * its exact bytes) and after every answer that changes what a restart must do (waiting,
   * received). Whatever it stored last lets a new process resume the transaction after SIGKILL.
   * If it throws, nothing is sent and the transaction fails with code 'journal'.
   */
  journal?: (snapshot: TransactionSnapshot) => void | Promise<void>;
  /** Limits for decoding responses. */
  decodeLimits?: Partial<DerLimits>;
}

export const DEFAULT_MESSAGE_TIMEOUT_MS = 30_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60_000;
