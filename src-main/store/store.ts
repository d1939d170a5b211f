import { AuditLog } from './audit_log';
import { CertificateRecordsRepository } from './certificate_records_repository';
import { CertificatesRepository } from './certificates_repository';
import { ConfigRepository } from './config_repository';
import { keychainNamespace } from './data_folder';
import { LifecycleRepository } from './lifecycle_repository';
import { openDatabase, type StoreDatabase } from './database';
import { PrivateKeysRepository } from './private_keys_repository';
import { Statistics } from './statistics';
import { TransactionsJournal } from './transactions_journal';

/** Everything persisted in one data folder, wired to one connection: what the composition root holds. */
export interface Store {
  readonly database: StoreDatabase;
  /** The data folder's namespace in the OS keychain (pass it to openOsKeychain). */
  readonly keychainNamespace: string;
  readonly audit: AuditLog;
  readonly config: ConfigRepository;
  readonly certificateRecords: CertificateRecordsRepository;
  readonly certificates: CertificatesRepository;
  readonly privateKeys: PrivateKeysRepository;
  readonly transactions: TransactionsJournal;
  readonly statistics: Statistics;
  /** The lifecycle engine's request parameters, held certificates and retry state. */
  readonly lifecycle: LifecycleRepository;
  /** Runs `work` in one SQLite transaction: all its writes, audit events included, or none. */
  atomically<T>(work: () => T): T;
  close(): void;
}

/** Opens (creating and migrating if needed) the database of a data folder with all repositories. */
export function openStore(dataDir: string, now: () => Date = () => new Date()): Store {
  const database = openDatabase(dataDir);
  const connection = database.connection;
  const audit = new AuditLog(connection, now);
  return {
    database,
    keychainNamespace: keychainNamespace(connection),
    audit,
    config: new ConfigRepository(connection, audit, now),
    certificateRecords: new CertificateRecordsRepository(connection, audit, now),
    certificates: new CertificatesRepository(connection, audit),
    privateKeys: new PrivateKeysRepository(connection),
    transactions: new TransactionsJournal(connection, now),
    statistics: new Statistics(connection, now),
    lifecycle: new LifecycleRepository(connection),
    atomically: (work) => connection.transaction(work)(),
    close: () => database.close(),
  };
}
