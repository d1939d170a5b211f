import type { Migration } from './migration';

/**
 * CertificateRecord.deployFolder: the folder the administrator chose for a record's deployed
 * files. Existing records have none (NULL) and keep deploying as before: into the data folder,
 * and only when they have a deploy hook.
 */
export const recordDeployFolder: Migration = {
  version: 6,
  description: 'certificate_records: an optional deploy folder chosen by the administrator',
  up(connection) {
    connection.exec(`
      ALTER TABLE certificate_records ADD COLUMN deploy_folder TEXT;
    `);
  },
};
