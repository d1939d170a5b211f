import type { Migration } from './migration';

/**
 * CmpServer.acceptUnprotectedErrors: whether unprotected error messages and rejections of this
 * server are read instead of refused. Existing servers keep refusing them (0), as before.
 */
export const acceptUnprotectedErrors: Migration = {
  version: 4,
  description: 'cmp_servers: accept unprotected error answers (off for existing servers)',
  up(connection) {
    connection.exec(`
      ALTER TABLE cmp_servers ADD COLUMN accept_unprotected_errors INTEGER NOT NULL DEFAULT 0 CHECK (accept_unprotected_errors IN (0, 1));
    `);
  },
};
