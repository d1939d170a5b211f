import type { z } from 'zod';
import {
  certificateRecordSchema,
  cmpProfileSchema,
  cmpServerSchema,
  serverGroupSchema,
  tlsProfileSchema,
  type CertificateRecord,
  type CmpProfile,
  type CmpServer,
  type ServerGroup,
  type TlsProfile,
} from '../../src-shared/domain';
import type { Store } from '../store';
import type { ConfigSnapshot } from './config_snapshot';
import {
  certificateRecordReferenceProblems,
  cmpProfileReferenceProblems,
  cmpServerReferenceProblems,
  serverGroupReferenceProblems,
  tlsProfileReferenceProblems,
} from './object_references';
import { secureModeRecordProblems, secureModeServerProblems, type FieldProblem } from './secure_certificate_mode';

/** The configuration objects that are created, changed and deleted as a whole. */
export interface EditableObjects {
  'tls-profile': TlsProfile;
  'cmp-server': CmpServer;
  'server-group': ServerGroup;
  'cmp-profile': CmpProfile;
  'certificate-record': CertificateRecord;
}
export type EditableKind = keyof EditableObjects;

interface Repository<T> {
  list(): T[];
  get(id: string): T | null;
  save(value: T): T;
  delete(id: string): boolean;
}

/** Everything the service needs to know about one kind: schema, storage, entry checks. */
export interface KindSpec<T extends { id: string; name: string }> {
  /** The kind in the administrator's words ("CMP server"). */
  label: string;
  schema: z.ZodType<T>;
  repository(store: Store): Repository<T>;
  fromSnapshot(snapshot: ConfigSnapshot): T[];
  references(value: T, snapshot: ConfigSnapshot): FieldProblem[];
  /** Rules of secure certificate mode, applied only while it is on. */
  secureMode(value: T): FieldProblem[];
}

type Specs = { [K in EditableKind]: KindSpec<EditableObjects[K]> };

const none = (): FieldProblem[] => [];

export const kindSpecs: Specs = {
  'tls-profile': {
    label: 'TLS profile',
    schema: tlsProfileSchema,
    repository: (store) => store.config.tlsProfiles,
    fromSnapshot: (s) => s.tlsProfiles,
    references: tlsProfileReferenceProblems,
    secureMode: none,
  },
  'cmp-server': {
    label: 'CMP server',
    schema: cmpServerSchema,
    repository: (store) => store.config.cmpServers,
    fromSnapshot: (s) => s.cmpServers,
    references: cmpServerReferenceProblems,
    secureMode: secureModeServerProblems,
  },
  'server-group': {
    label: 'server group',
    schema: serverGroupSchema,
    repository: (store) => store.config.serverGroups,
    fromSnapshot: (s) => s.serverGroups,
    references: serverGroupReferenceProblems,
    secureMode: none,
  },
  'cmp-profile': {
    label: 'CMP profile',
    schema: cmpProfileSchema,
    repository: (store) => store.config.cmpProfiles,
    fromSnapshot: (s) => s.cmpProfiles,
    references: cmpProfileReferenceProblems,
    secureMode: none,
  },
  'certificate-record': {
    label: 'certificate record',
    schema: certificateRecordSchema,
    repository: (store) => store.certificateRecords,
    fromSnapshot: (s) => s.certificateRecords,
    references: certificateRecordReferenceProblems,
    secureMode: secureModeRecordProblems,
  },
};

/** A name clash with another object of the same kind (names are unique per kind). */
export function nameProblems<T extends { id: string; name: string }>(value: T, existing: readonly T[], label: string): FieldProblem[] {
  const clash = existing.find((o) => o.id !== value.id && o.name === value.name);
  return clash === undefined ? [] : [{ field: 'name', message: `another ${label} is already named "${value.name}"` }];
}

/** All entry checks for one object against the rest of the configuration. */
export function entryProblems<K extends EditableKind>(kind: K, value: EditableObjects[K], snapshot: ConfigSnapshot): FieldProblem[] {
  const spec = kindSpecs[kind] as unknown as KindSpec<EditableObjects[K]>;
  return [
    ...nameProblems(value, spec.fromSnapshot(snapshot), spec.label),
    ...spec.references(value, snapshot),
    ...(snapshot.globalConfig.secureCertificateMode ? spec.secureMode(value) : []),
  ];
}
