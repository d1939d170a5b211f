import { DomainValidationError } from '../../../src-shared/domain';
import { IpcError, IpcValidationError } from '../../../src-shared/ipc/errors';
import { CertificateExportError, ConfigOperationError, ObjectInUseError } from '../../config';
import { PkiError } from '../../pki';
import { InvalidInitialAuthenticationKeyError, KeychainOperationError, KeychainUnavailableError } from '../../secrets';
import { ObjectNotFoundError, StoreConstraintError } from '../../store';

/** Errors of the configuration side whose message is written for the administrator and holds no secret. */
const adminFacing = [ObjectNotFoundError, StoreConstraintError, ObjectInUseError, ConfigOperationError, CertificateExportError, InvalidInitialAuthenticationKeyError, KeychainUnavailableError, KeychainOperationError, PkiError];

/**
 * Maps a configuration error to what crosses IPC: a rule broken by a field becomes
 * IpcValidationError naming that field, other typed errors keep their message; anything else
 * stays unexpected (the dispatcher logs it and sends a generic message).
 */
export function toConfigIpcError(error: unknown): unknown {
  if (error instanceof IpcError) return error;
  if (error instanceof DomainValidationError) return new IpcValidationError(error.message, error.problems[0]?.field ?? '(value)');
  if (adminFacing.some((type) => error instanceof type)) return new IpcError('handler-failed', (error as Error).message);
  return error;
}

/** Wraps each handler so its typed errors reach the renderer through toConfigIpcError. */
export function withConfigErrors<T extends Record<string, (request: never) => unknown>>(handlers: T): T {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      async (request: never) => {
        try {
          return await handler(request);
        } catch (error) {
          throw toConfigIpcError(error);
        }
      },
    ]),
  ) as T;
}
