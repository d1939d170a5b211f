/**
 * A journaled transaction snapshot that cannot be used: unreadable JSON, an unknown version, a
 * field of the wrong shape, bytes that do not decode, or a snapshot that belongs to another
 * request. Read back from disk after a crash, a snapshot is untrusted input.
 */
export class CmpSnapshotError extends Error {
  override readonly name = 'CmpSnapshotError';

  constructor(
    message: string,
    /** Where in the snapshot the problem is, e.g. "issued.certificate"; empty for the whole. */
    readonly field: string,
    options?: { cause?: unknown },
  ) {
    super(field ? `transaction snapshot field ${field}: ${message}` : `transaction snapshot: ${message}`, options);
  }
}
