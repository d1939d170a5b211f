/** Per-exchange options: the caller's cancellation and the message timeout for this one round trip. */
export interface CmpSendOptions {
  /** Aborting rejects the exchange with a TransportError of code 'aborted'. */
  signal?: AbortSignal;
  /** Upper bound for this request/response round trip in milliseconds (the CmpServer's message timeout). */
  timeoutMs?: number;
}

/**
 * Carries one DER-encoded PKIMessage to a CMP server and returns the DER-encoded answer.
 * It knows nothing about CMP itself: the transaction engine parses and checks what comes back.
 * Every failure is a TransportError (see transport_error.ts).
 */
export interface CmpTransport {
  send(request: Uint8Array, options?: CmpSendOptions): Promise<Uint8Array>;
  /** Rejects every pending exchange with code 'closed' and refuses new ones; idempotent. */
  close(): void;
}
