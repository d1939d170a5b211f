import { initialSchema } from './001_initial_schema';
import { lifecycleState } from './002_lifecycle_state';
import type { Migration } from './migration';

/** Every migration in order; a new schema step is a new file appended here. */
export const migrations: readonly Migration[] = [initialSchema, lifecycleState];

export type { Migration } from './migration';
export { applyMigrations } from './migrate';
