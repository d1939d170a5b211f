import type { AuditLog } from './audit_log';
import { CmpProfilesRepository } from './config/cmp_profiles_repository';
import { CmpServersRepository } from './config/cmp_servers_repository';
import { GlobalConfigRepository } from './config/global_config_repository';
import { ServerGroupsRepository } from './config/server_groups_repository';
import { TlsProfilesRepository } from './config/tls_profiles_repository';
import { TrustAnchorsRepository } from './config/trust_anchors_repository';
import type { Connection } from './database';

/**
 * The CMP configuration objects of reference/000, one repository each. Every save and delete is
 * validated against the domain schema, enforced by the database's references, and recorded as a
 * "config-changed" audit event in the same transaction.
 */
export class ConfigRepository {
  readonly globalConfig: GlobalConfigRepository;
  readonly trustAnchors: TrustAnchorsRepository;
  readonly tlsProfiles: TlsProfilesRepository;
  readonly cmpServers: CmpServersRepository;
  readonly serverGroups: ServerGroupsRepository;
  readonly cmpProfiles: CmpProfilesRepository;

  constructor(connection: Connection, audit: AuditLog, now: () => Date = () => new Date()) {
    this.globalConfig = new GlobalConfigRepository(connection, audit, now);
    this.trustAnchors = new TrustAnchorsRepository(connection, audit);
    this.tlsProfiles = new TlsProfilesRepository(connection, audit);
    this.cmpServers = new CmpServersRepository(connection, audit);
    this.serverGroups = new ServerGroupsRepository(connection, audit);
    this.cmpProfiles = new CmpProfilesRepository(connection, audit);
  }
}
