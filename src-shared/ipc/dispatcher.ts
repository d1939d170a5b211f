import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandResponse, type Commands } from './contract';
import type { IpcResult } from './envelope';
import { IpcError } from './errors';
import { parsePayload } from './validate';

/** The main side of the contract: one handler per command, typed by its schemas. */
export type CommandHandlers = {
  [K in CommandName]: (request: z.output<Commands[K]['request']>) => Promise<CommandResponse<K>> | CommandResponse<K>;
};

/** Receives an unknown command name and payload from a transport; always resolves, never throws. */
export type Dispatch = (command: unknown, payload: unknown) => Promise<IpcResult>;

export interface DispatcherOptions {
  /** Told about handler failures that are not deliberate IpcErrors (bugs, I/O), e.g. to log them. */
  onUnexpectedError?(command: CommandName, error: unknown): void;
}

/**
 * Validates the request on receipt, runs the handler, and validates the response before it leaves,
 * so a handler cannot leak a field the contract does not declare.
 */
export function createDispatcher(handlers: CommandHandlers, options: DispatcherOptions = {}): Dispatch {
  return async (name, payload) => {
    if (!isCommandName(name)) {
      return failure(new IpcError('unknown-command', `unknown command ${JSON.stringify(String(name)).slice(0, 200)}`));
    }
    try {
      const definition = commands[name];
      const request = parsePayload(definition.request, payload, 'request', name);
      const handler = handlers[name] as (request: unknown) => unknown;
      const response = await handler(request);
      return { ok: true, result: parsePayload(definition.response, response, 'response', name) };
    } catch (error) {
      if (error instanceof IpcError) return failure(error);
      options.onUnexpectedError?.(name, error);
      return failure(new IpcError('handler-failed', `${name} failed inside the application; the log has the details`));
    }
  };
}

function failure(error: IpcError): IpcResult {
  return { ok: false, error: error.toData() };
}
