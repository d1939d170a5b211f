import type { CommandName, EventName } from '../../../src-shared/ipc/index';

/** Electron IPC channel names are derived from contract names, so the allowlist is the contract. */
export const invokeChannel = (command: CommandName): string => `cmp-desk:invoke:${command}`;
export const eventChannel = (event: EventName): string => `cmp-desk:event:${event}`;
