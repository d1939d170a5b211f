import { DomainValidationError } from '../../../src-shared/domain';
import { IpcError, IpcValidationError } from '../../../src-shared/ipc';
import { PkiError } from '../../pki';

/** Typed errors whose message is written for the administrator (which object, what was expected). */
const userFacingNames = new Set([
  'ObjectNotFoundError',
  'StoreConstraintError',
  'ObjectInUseError',
  'ConfigOperationError',
  'CertificateExportError',
  'InvalidInitialAuthenticationKeyError',
  'LifecycleError',
  'LabCaConfigError',
  'UiActionError',
  'CmpConfigurationError',
]);

/** Refused for a reason the administrator can fix; the message says which and how. */
export class UiActionError extends Error {
  readonly name = 'UiActionError';
}

/**
 * Turns the main process's typed errors into IpcErrors the renderer shows where they happened;
 * anything else stays an unexpected failure (logged, generic message).
 */
export function toUserError(error: unknown): unknown {
  if (error instanceof IpcError) return error;
  if (error instanceof DomainValidationError) {
    const first = error.problems[0];
    return new IpcValidationError(error.message, first?.field ?? '(value)');
  }
  if (error instanceof PkiError) return new IpcError('handler-failed', error.message);
  if (error instanceof Error && userFacingNames.has(error.name)) return new IpcError('handler-failed', error.message);
  return error;
}

/** Wraps every handler of a map so its typed errors reach the renderer with their message. */
export function withUserErrors<T extends Record<string, (request: never) => unknown>>(handlers: T): T {
  const wrapped: Record<string, (request: never) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = async (request: never) => {
      try {
        return await handler(request);
      } catch (error) {
        throw toUserError(error);
      }
    };
  }
  return wrapped as T;
}
