import { initialSchema } from './001_initial_schema';
import { lifecycleState } from './002_lifecycle_state';
import { lifecycleChanges } from './003_lifecycle_changes';
import { acceptUnprotectedErrors } from './004_accept_unprotected_errors';
import { statisticsOutliveRecords } from './005_statistics_outlive_records';
import { recordDeployFolder } from './006_record_deploy_folder';
import { cmpServerSourceAddress } from './007_cmp_server_source_address';
import type { Migration } from './migration';

/** Every migration in order; a new schema step is a new file appended here. */
export const migrations: readonly Migration[] = [initialSchema, lifecycleState, lifecycleChanges, acceptUnprotectedErrors, statisticsOutliveRecords, recordDeployFolder, cmpServerSourceAddress];

export type { Migration } from './migration';
export { applyMigrations } from './migrate';
