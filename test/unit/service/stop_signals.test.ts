import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { listenForStopSignals, type SignalSource } from '../../../src-main/app/service/stop_signals';

describe('stop signals', () => {
  it('aborts on the first SIGTERM, forces on the second, and detaches on dispose', () => {
    const source = new EventEmitter();
    const forced: string[] = [];
    const stop = listenForStopSignals(source as unknown as SignalSource, (s) => forced.push(s));
    expect(stop.signal.aborted).toBe(false);
    source.emit('SIGTERM');
    expect(stop.signal.aborted).toBe(true);
    expect(stop.receivedSignal).toBe('SIGTERM');
    expect(forced).toEqual([]);
    source.emit('SIGINT');
    expect(forced).toEqual(['SIGINT']);
    stop.dispose();
    expect(source.listenerCount('SIGTERM') + source.listenerCount('SIGINT')).toBe(0);
  });
});
