/** The part of `process` the stop handling needs; tests pass an EventEmitter. */
export interface SignalSource {
  on(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  off(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

/** A graceful stop in progress or not: `signal` aborts on the first SIGTERM/SIGINT. */
export interface StopRequest {
  readonly signal: AbortSignal;
  /** The signal that asked us to stop, once one did. */
  readonly receivedSignal: 'SIGTERM' | 'SIGINT' | undefined;
  dispose(): void;
}

/**
 * First SIGTERM or SIGINT: abort `signal`, so the engine starts nothing new and finishes (or
 * journals) the exchange in flight. A second one calls `onForce`, for an administrator who
 * pressed Ctrl+C twice or a supervisor that lost patience.
 */
export function listenForStopSignals(source: SignalSource, onForce: (signal: 'SIGTERM' | 'SIGINT') => void): StopRequest {
  const controller = new AbortController();
  let received: 'SIGTERM' | 'SIGINT' | undefined;
  const handlers = {
    SIGTERM: () => handle('SIGTERM'),
    SIGINT: () => handle('SIGINT'),
  };
  function handle(signal: 'SIGTERM' | 'SIGINT'): void {
    if (received) {
      onForce(signal);
      return;
    }
    received = signal;
    controller.abort(new Error(`stopping on ${signal}`));
  }
  source.on('SIGTERM', handlers.SIGTERM);
  source.on('SIGINT', handlers.SIGINT);
  return {
    signal: controller.signal,
    get receivedSignal() {
      return received;
    },
    dispose() {
      source.off('SIGTERM', handlers.SIGTERM);
      source.off('SIGINT', handlers.SIGINT);
    },
  };
}
