import { events, type EventName, type EventPayload } from './contract';
import type { IpcValidationError } from './errors';
import { parsePayload } from './validate';

/** Removes the subscription it was returned for; calling it twice is harmless. */
export type Disposer = () => void;

/** A transport's outlet for pushed events (already validated). */
export type EventSink = (name: EventName, payload: unknown) => void;

/** The main side's event source: every transport subscribes a sink, features emit typed events. */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly onInvalidEvent: (error: IpcValidationError) => void = () => {}) {}

  /** Validates the payload once and hands it to every connected transport. */
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    let parsed: unknown;
    try {
      parsed = parsePayload(events[name].payload, payload, 'event', name);
    } catch (error) {
      this.onInvalidEvent(error as IpcValidationError);
      return;
    }
    for (const sink of [...this.sinks]) sink(name, parsed);
  }

  subscribe(sink: EventSink): Disposer {
    this.sinks.add(sink);
    return () => {
      this.sinks.delete(sink);
    };
  }

  get subscriberCount(): number {
    return this.sinks.size;
  }
}
