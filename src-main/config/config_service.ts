import { DomainValidationError, globalConfigSchema, parseDomain, type GlobalConfig, type TrustAnchor } from '../../src-shared/domain';
import type { InitialAuthenticationKeys, InitialAuthenticationKeyStatus } from '../secrets';
import { ObjectNotFoundError, type Store } from '../store';
import { ConfigOperationError, ObjectInUseError } from './config_errors';
import { entryProblems, kindSpecs, nameProblems, type EditableKind, type EditableObjects, type KindSpec } from './config_kinds';
import { readConfigSnapshot, type ConfigSnapshot } from './config_snapshot';
import { objectUsers } from './object_references';
import { secureModeRecordProblems, secureModeServerProblems } from './secure_certificate_mode';
import { importTrustAnchorFile, type TrustAnchorImportResult } from './trust_anchor_file';

/** Opens the keychain's IAK store when a secret is first needed (the CLI often needs none). */
export type InitialAuthenticationKeysProvider = () => Promise<InitialAuthenticationKeys>;

/**
 * The configuration as IPC and the CLI change it: every change validated on entry with a message
 * naming the field, then stored (the store records the audit event with before/after, secrets
 * redacted). Secrets go into the keychain and never come back out.
 */
export class ConfigService {
  constructor(
    readonly store: Store,
    private readonly initialAuthenticationKeys: InitialAuthenticationKeysProvider,
    private readonly now: () => Date = () => new Date(),
  ) {}

  snapshot(): ConfigSnapshot {
    return readConfigSnapshot(this.store);
  }

  globalConfig(): GlobalConfig {
    return this.store.config.globalConfig.get();
  }

  /** Turning secure certificate mode on is refused while objects break its rules; the message lists them. */
  saveGlobalConfig(value: GlobalConfig): GlobalConfig {
    const next = parseDomain(globalConfigSchema, value, 'global CMP settings');
    if (next.secureCertificateMode) {
      const snapshot = this.snapshot();
      const offenders = [
        ...snapshot.certificateRecords.filter((r) => secureModeRecordProblems(r).length > 0).map((r) => `certificate record "${r.name}"`),
        ...snapshot.cmpServers.filter((s) => secureModeServerProblems(s).length > 0).map((s) => `CMP server "${s.name}"`),
      ];
      if (offenders.length > 0) {
        throw new DomainValidationError('global CMP settings', [
          { field: 'secureCertificateMode', message: `cannot be turned on while these use IP addresses: ${offenders.join(', ')}; change them to host names first` },
        ]);
      }
    }
    return this.store.config.globalConfig.update(next);
  }

  list<K extends EditableKind>(kind: K): EditableObjects[K][] {
    return spec(kind).repository(this.store).list();
  }

  get<K extends EditableKind>(kind: K, id: string): EditableObjects[K] {
    const value = spec(kind).repository(this.store).get(id);
    if (value === null) throw new ObjectNotFoundError(spec(kind).label, id);
    return value;
  }

  /** Creates or replaces the object with this id. */
  save<K extends EditableKind>(kind: K, value: EditableObjects[K]): EditableObjects[K] {
    const s = spec(kind);
    const next = parseDomain(s.schema, value, s.label);
    const problems = entryProblems(kind, next, this.snapshot());
    if (problems.length > 0) throw new DomainValidationError(s.label, problems);
    return s.repository(this.store).save(next);
  }

  /** Refused with ObjectInUseError, naming the users, while other objects refer to it. A profile's IAK goes with it. */
  async delete(kind: EditableKind, id: string): Promise<void> {
    const s = spec(kind);
    const existing = this.get(kind, id);
    const users = objectUsers(id, this.snapshot());
    if (users.length > 0) throw new ObjectInUseError(s.label, existing.name, users);
    s.repository(this.store).delete(id);
    if (kind === 'cmp-profile') await (await this.initialAuthenticationKeys()).delete(id);
  }

  listTrustAnchors(): TrustAnchor[] {
    return this.store.config.trustAnchors.list();
  }

  getTrustAnchor(id: string): TrustAnchor {
    const anchor = this.store.config.trustAnchors.get(id);
    if (anchor === null) throw new ObjectNotFoundError('trust anchor', id);
    return anchor;
  }

  /** Reads a PEM, DER or PKCS#7 file and stores every acceptable CA certificate in it (all or none). */
  importTrustAnchors(input: string | Uint8Array, name?: string): TrustAnchorImportResult[] {
    return importTrustAnchorFile(this.store, input, { name, now: this.now() });
  }

  /** Only the name of a trust anchor can change; its certificate is what was verified out of band. */
  renameTrustAnchor(id: string, name: string): TrustAnchor {
    const anchor = this.getTrustAnchor(id);
    const next = { ...anchor, name: name.trim() };
    const problems = nameProblems(next, this.listTrustAnchors(), 'trust anchor');
    if (problems.length > 0) throw new DomainValidationError('trust anchor', problems);
    return this.store.config.trustAnchors.save(next);
  }

  deleteTrustAnchor(id: string): void {
    const anchor = this.getTrustAnchor(id);
    const users = objectUsers(id, this.snapshot());
    if (users.length > 0) throw new ObjectInUseError('trust anchor', anchor.name, users);
    this.store.config.trustAnchors.delete(id);
  }

  /** Stores the IAK of a shared-secret profile in the keychain; the audit log only learns that it changed. */
  async setInitialAuthenticationKey(cmpProfileId: string, secret: Uint8Array): Promise<InitialAuthenticationKeyStatus> {
    const profile = this.get('cmp-profile', cmpProfileId);
    if (profile.authentication.method !== 'shared-secret') {
      throw new ConfigOperationError(`CMP profile "${profile.name}" authenticates with a signature certificate; it has no initial authentication key`);
    }
    const keys = await this.initialAuthenticationKeys();
    await keys.set(cmpProfileId, secret);
    this.store.audit.record({ type: 'secret-changed', objectKind: 'cmp-profile', objectId: cmpProfileId, message: `Initial authentication key of CMP profile "${profile.name}" set` });
    return keys.describe(cmpProfileId);
  }

  async clearInitialAuthenticationKey(cmpProfileId: string): Promise<InitialAuthenticationKeyStatus> {
    const profile = this.get('cmp-profile', cmpProfileId);
    const keys = await this.initialAuthenticationKeys();
    if (await keys.delete(cmpProfileId)) {
      this.store.audit.record({ type: 'secret-changed', objectKind: 'cmp-profile', objectId: cmpProfileId, message: `Initial authentication key of CMP profile "${profile.name}" removed` });
    }
    return keys.describe(cmpProfileId);
  }

  async initialAuthenticationKeyStatus(cmpProfileId: string): Promise<InitialAuthenticationKeyStatus> {
    this.get('cmp-profile', cmpProfileId);
    return (await this.initialAuthenticationKeys()).describe(cmpProfileId);
  }
}

function spec<K extends EditableKind>(kind: K): KindSpec<EditableObjects[K]> {
  return kindSpecs[kind] as unknown as KindSpec<EditableObjects[K]>;
}
