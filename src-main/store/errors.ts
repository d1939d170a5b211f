/** The database file is from a newer cmp-desk; opening it could corrupt what that version wrote. */
export class DatabaseTooNewError extends Error {
  readonly name = 'DatabaseTooNewError';
  constructor(
    readonly path: string,
    readonly foundVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `The database ${path} has schema version ${foundVersion}, this cmp-desk understands up to ${supportedVersion}. ` +
        'Install the newer cmp-desk that wrote it, or choose another data folder.',
    );
  }
}

/** The file could not be opened as a cmp-desk database, or failed its integrity check. */
export class DatabaseOpenError extends Error {
  readonly name = 'DatabaseOpenError';
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`The database ${path} cannot be used: ${detail}`);
  }
}

/** A save was refused because it breaks a rule the database enforces (unique name, reference, limit). */
export class StoreConstraintError extends Error {
  readonly name = 'StoreConstraintError';
  constructor(
    /** The kind of object being saved or deleted, e.g. "server group". */
    readonly objectKind: string,
    readonly objectId: string,
    readonly rule: 'unique' | 'reference' | 'check',
    readonly detail: string,
  ) {
    super(`Cannot save ${objectKind} ${objectId}: ${describeRule(rule)} (${detail})`);
  }
}

/** The object asked for does not exist. */
export class ObjectNotFoundError extends Error {
  readonly name = 'ObjectNotFoundError';
  constructor(
    readonly objectKind: string,
    readonly objectId: string,
  ) {
    super(`No ${objectKind} with id ${objectId}`);
  }
}

function describeRule(rule: StoreConstraintError['rule']): string {
  if (rule === 'unique') return 'another object already uses this name or value';
  if (rule === 'reference') return 'it refers to an object that does not exist, or other objects still refer to it';
  return 'a value is outside what is allowed';
}

/** Runs `action`, turning SQLite constraint failures into StoreConstraintError for the object. */
export function withConstraints<T>(objectKind: string, objectId: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) throw error;
    const rule = code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ? 'unique' : code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ? 'reference' : 'check';
    throw new StoreConstraintError(objectKind, objectId, rule, (error as Error).message);
  }
}
