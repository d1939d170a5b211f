import { z } from 'zod';

/**
 * What can go wrong across the boundary. `handler-failed` carries the handler's own message only
 * for IpcError subclasses thrown on purpose; anything else becomes a generic message (no stacks).
 */
export const ipcErrorCodeSchema = z.enum([
  'validation',
  'unknown-command',
  'handler-failed',
  'forbidden',
  'transport-closed',
  'timeout',
]);
export type IpcErrorCode = z.infer<typeof ipcErrorCodeSchema>;

/** The serialized form of an error: the only shape of failure that crosses the boundary. */
export const ipcErrorDataSchema = z.object({
  code: ipcErrorCodeSchema,
  message: z.string().max(2_000),
  field: z.string().max(500).optional(),
});
export type IpcErrorData = z.infer<typeof ipcErrorDataSchema>;

/** An IPC failure with a code the UI can act on. */
export class IpcError extends Error {
  constructor(readonly code: IpcErrorCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'IpcError';
  }

  toData(): IpcErrorData {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }

  static fromData(data: IpcErrorData): IpcError {
    return data.code === 'validation' ? new IpcValidationError(data.message, data.field ?? '(payload)') : new IpcError(data.code, data.message, data.field);
  }
}

/** Which payload failed its schema: the field path (e.g. `checks.0.status`) and what was wrong. */
export class IpcValidationError extends IpcError {
  constructor(message: string, readonly field: string) {
    super('validation', message, field);
    this.name = 'IpcValidationError';
  }
}
