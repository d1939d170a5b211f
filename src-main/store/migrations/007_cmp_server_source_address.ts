import type { Migration } from './migration';

/**
 * CmpServer.sourceAddress: the local address connections to the server leave from. Existing
 * servers have none (NULL): the operating system keeps choosing, as before.
 */
export const cmpServerSourceAddress: Migration = {
  version: 7,
  description: 'cmp_servers: an optional source address (send from local address)',
  up(connection) {
    connection.exec(`
      ALTER TABLE cmp_servers ADD COLUMN source_address TEXT;
    `);
  },
};
