import { z } from 'zod';
import { appHealthSchema, appInfoSchema, logEntrySchema } from './app';
import { command, event } from './define';
import { configCommands } from './config';
import { activityCommands } from './activity';
import { backgroundCommands } from './background';
import { certificateCommands } from './certificates';
import { connectionCommands } from './connection';
import { labCommands } from './lab';
import { notificationEvents } from './notifications';
import { recordCommands, recordEvents } from './records';
import { timelineCommands } from './timeline';
import { wizardCommands } from './wizard';

/** A command that takes no arguments still has a schema, so stray payloads are refused. */
const noArguments = z.object({}).strict();

/**
 * The whole main <-> renderer contract. Adding a command: one entry here (with its schemas) and
 * its handler in the main process's handler map; the typed client and every transport pick it up.
 */
export const commands = {
  'app.info': command(noArguments, appInfoSchema),
  'app.health': command(noArguments, appHealthSchema),
  ...configCommands,
  ...recordCommands,
  ...certificateCommands,
  ...timelineCommands,
  ...activityCommands,
  ...connectionCommands,
  ...wizardCommands,
  ...labCommands,
  ...backgroundCommands,
};

/** Everything main pushes to the renderer. */
export const events = {
  'app.log': event(logEntrySchema),
  ...recordEvents,
  ...notificationEvents,
};

export type Commands = typeof commands;
export type Events = typeof events;
export type CommandName = keyof Commands & string;
export type EventName = keyof Events & string;
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
