import type { ClientTransport } from './client';
import type { Dispatch } from './dispatcher';
import type { Disposer, EventHub } from './event_hub';

/**
 * The transport tests use: no sockets, but every payload goes through JSON like on the wire, so a
 * value that would not survive serialization fails here too.
 */
export function createInProcessTransport(dispatch: Dispatch, hub: EventHub): ClientTransport {
  return {
    async invoke(command, payload) {
      return roundTrip(await dispatch(command, roundTrip(payload)));
    },
    on(event, listener): Disposer {
      return hub.subscribe((name, payload) => {
        if (name === event) listener(roundTrip(payload));
      });
    },
  };
}

function roundTrip<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
