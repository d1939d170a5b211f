import type { KeyAlgorithm } from '../../src-shared/domain';
import type { Connection } from './database';
import { withConstraints } from './errors';

/**
 * A private key as the database holds it: AES-256-GCM ciphertext under the data key (see
 * secrets/data_key.ts). There is deliberately no way to hand this repository plaintext.
 */
export interface StoredPrivateKey {
  id: string;
  keyAlgorithm: KeyAlgorithm;
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyVersion: number;
  createdAt: string;
}

/** Encrypted private keys, referenced by certificates and by transactions still waiting for theirs. */
export class PrivateKeysRepository {
  constructor(private readonly connection: Connection) {}

  insert(key: StoredPrivateKey): void {
    withConstraints('private key', key.id, () =>
      this.connection
        .prepare('INSERT INTO private_keys (id, key_algorithm, ciphertext, iv, tag, key_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(key.id, key.keyAlgorithm, key.ciphertext, key.iv, key.tag, key.keyVersion, key.createdAt),
    );
  }

  get(id: string): StoredPrivateKey | null {
    const row = this.connection.prepare('SELECT * FROM private_keys WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (row === undefined) return null;
    return {
      id: row.id as string,
      keyAlgorithm: row.key_algorithm as KeyAlgorithm,
      ciphertext: row.ciphertext as Buffer,
      iv: row.iv as Buffer,
      tag: row.tag as Buffer,
      keyVersion: row.key_version as number,
      createdAt: row.created_at as string,
    };
  }

  /** Removes keys no certificate and no transaction refers to any more (after a renewal or a failed request). */
  deleteUnreferenced(): number {
    return this.connection
      .prepare(
        `DELETE FROM private_keys WHERE id NOT IN (SELECT private_key_id FROM certificates WHERE private_key_id IS NOT NULL)
         AND id NOT IN (SELECT pending_private_key_id FROM transactions WHERE pending_private_key_id IS NOT NULL)`,
      )
      .run().changes;
  }

  delete(id: string): boolean {
    return this.connection.prepare('DELETE FROM private_keys WHERE id = ?').run(id).changes > 0;
  }
}
