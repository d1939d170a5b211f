/** An object cannot be deleted because other objects still refer to it; the message names them. */
export class ObjectInUseError extends Error {
  readonly name = 'ObjectInUseError';
  constructor(
    /** What is being deleted, in the administrator's words ("trust anchor"). */
    readonly objectKind: string,
    readonly objectName: string,
    /** Who still refers to it, e.g. `TLS profile "cmp-tls"`. */
    readonly usedBy: readonly string[],
  ) {
    super(`The ${objectKind} "${objectName}" is still used by ${usedBy.join(', ')}; change or delete those first`);
  }
}

/** An operation does not apply to the object in its current configuration (e.g. an IAK for a signature profile). */
export class ConfigOperationError extends Error {
  readonly name = 'ConfigOperationError';
}
