import type { z } from 'zod';

/** A request -> response command: both directions carry a runtime schema. */
export interface CommandDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

/** A main -> renderer push. */
export interface EventDefinition<Payload extends z.ZodType = z.ZodType> {
  payload: Payload;
}

export function command<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): CommandDefinition<Req, Res> {
  return { request, response };
}

export function event<Payload extends z.ZodType>(payload: Payload): EventDefinition<Payload> {
  return { payload };
}
