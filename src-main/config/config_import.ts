import { isDeepStrictEqual } from 'node:util';
import { DomainValidationError, parseDomain, type TrustAnchor } from '../../src-shared/domain';
import { configDocumentSchema, type ConfigDocument, type ImportOutcome, type ImportReport } from '../../src-shared/ipc/config_document';
import { CertificateFormatError, parseCertificateDer, trustAnchorProblem } from '../pki';
import type { InitialAuthenticationKeys } from '../secrets';
import type { Store } from '../store';
import { neededSecrets } from './config_export';
import { entryProblems, kindSpecs, type EditableKind, type EditableObjects } from './config_kinds';
import { readConfigSnapshot, type ConfigSnapshot } from './config_snapshot';
import { mapImportedIds, mergeSnapshot, type MappedObjects } from './import_id_mapping';
import { secureModeRecordProblems, secureModeServerProblems, type FieldProblem } from './secure_certificate_mode';

/** Document list name and kind, in the order objects can be written (references point backwards). */
const sections = [
  ['tlsProfiles', 'tls-profile'],
  ['cmpServers', 'cmp-server'],
  ['serverGroups', 'server-group'],
  ['cmpProfiles', 'cmp-profile'],
  ['certificateRecords', 'certificate-record'],
] as const satisfies readonly (readonly [keyof MappedObjects, EditableKind])[];

/**
 * Imports a configuration export: validates everything (schema, certificates, names, references,
 * secure certificate mode against the configuration the import would leave) before writing
 * anything, then writes all in one store transaction. Objects not in the file are left alone.
 */
export async function importConfigDocument(store: Store, input: unknown, keys: InitialAuthenticationKeys | null): Promise<ImportReport> {
  const document = parseDomain(configDocumentSchema, input, 'configuration file');
  const local = readConfigSnapshot(store);
  const mapped = mapImportedIds(document, local);
  const merged = mergeSnapshot(local, document, mapped);
  const problems = [...duplicateIdProblems(document), ...trustAnchorProblems(mapped.trustAnchors), ...objectProblems(mapped, merged), ...secureModeProblems(local, mapped, merged)];
  if (problems.length > 0) throw new DomainValidationError('configuration file', problems);
  const outcomes = write(store, document, mapped, local);
  const missing = await Promise.all(
    neededSecrets(mapped.cmpProfiles).map(async (needed) => ((keys !== null && (await keys.describe(needed.cmpProfileId)).isSet) ? null : needed)),
  );
  const count = (action: ImportOutcome['action']) => outcomes.filter((o) => o.action === action).length;
  return { outcomes, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), secretsNeeded: missing.filter((m) => m !== null) };
}

function duplicateIdProblems(document: ConfigDocument): FieldProblem[] {
  const lists = ['trustAnchors', ...sections.map(([list]) => list)] as const;
  return lists.flatMap((list) => {
    const seen = new Set<string>();
    return document[list].flatMap((o, i) => {
      if (!seen.has(o.id)) {
        seen.add(o.id);
        return [];
      }
      return [{ field: `${list}.${i}.id`, message: `repeats the id ${o.id} of an earlier entry` }];
    });
  });
}

/** The certificate must parse, match its fingerprint and be a CA; its validity is verify-config's concern. */
function trustAnchorProblems(anchors: readonly TrustAnchor[]): FieldProblem[] {
  return anchors.flatMap((anchor, i) => {
    const field = `trustAnchors.${i}.certificateDer`;
    try {
      const certificate = parseCertificateDer(Buffer.from(anchor.certificateDer, 'base64'));
      if (certificate.sha256Fingerprint.replaceAll(':', '').toLowerCase() !== anchor.sha256Fingerprint) {
        return [{ field: `trustAnchors.${i}.sha256Fingerprint`, message: 'does not match the certificate' }];
      }
      const problem = trustAnchorProblem(certificate, certificate.notBefore);
      return problem === undefined ? [] : [{ field, message: `cannot be a trust anchor: ${problem}` }];
    } catch (error) {
      if (error instanceof CertificateFormatError) return [{ field, message: `is not a certificate: ${error.message}` }];
      throw error;
    }
  });
}

function objectProblems(mapped: MappedObjects, merged: ConfigSnapshot): FieldProblem[] {
  const trustAnchorNames = mapped.trustAnchors.flatMap((anchor, i) =>
    merged.trustAnchors.some((a) => a.id !== anchor.id && a.name === anchor.name) ? [{ field: `trustAnchors.${i}.name`, message: `another trust anchor is already named "${anchor.name}"` }] : [],
  );
  const others = sections.flatMap(([list, kind]) =>
    (mapped[list] as EditableObjects[typeof kind][]).flatMap((value, i) =>
      entryProblems(kind, value as never, merged).map((p) => ({ field: `${list}.${i}.${p.field}`, message: p.message })),
    ),
  );
  return [...trustAnchorNames, ...others];
}

/** Local objects the file leaves alone must also obey secure certificate mode if the file turns it on. */
function secureModeProblems(local: ConfigSnapshot, mapped: MappedObjects, merged: ConfigSnapshot): FieldProblem[] {
  if (!merged.globalConfig.secureCertificateMode) return [];
  const untouched = <T extends { id: string }>(list: readonly T[], incoming: readonly T[]) => list.filter((o) => !incoming.some((i) => i.id === o.id));
  const offenders = [
    ...untouched(local.certificateRecords, mapped.certificateRecords).filter((r) => secureModeRecordProblems(r).length > 0).map((r) => `certificate record "${r.name}"`),
    ...untouched(local.cmpServers, mapped.cmpServers).filter((s) => secureModeServerProblems(s).length > 0).map((s) => `CMP server "${s.name}"`),
  ];
  return offenders.length === 0 ? [] : [{ field: 'globalConfig.secureCertificateMode', message: `cannot be turned on while these existing objects use IP addresses: ${offenders.join(', ')}` }];
}

function write(store: Store, document: ConfigDocument, mapped: MappedObjects, local: ConfigSnapshot): ImportOutcome[] {
  return store.atomically(() => {
    // Records and TLS/CMP profiles can refer to each other in a cycle; the references are checked at commit.
    store.database.connection.pragma('defer_foreign_keys = ON');
    const outcomes: ImportOutcome[] = [];
    const globalChanged = !isDeepStrictEqual(local.globalConfig, document.globalConfig);
    if (globalChanged) store.config.globalConfig.update(document.globalConfig);
    outcomes.push({ kind: 'global-config', id: null, name: 'cmp-global-config', action: globalChanged ? 'updated' : 'unchanged' });
    for (const anchor of mapped.trustAnchors) {
      const action = actionFor(local.trustAnchors, anchor);
      if (action !== 'unchanged') store.config.trustAnchors.save(anchor);
      outcomes.push({ kind: 'trust-anchor', id: anchor.id, name: anchor.name, action });
    }
    for (const [list, kind] of sections) {
      const spec = kindSpecs[kind];
      const repository = spec.repository(store) as { save(value: unknown): unknown };
      for (const value of mapped[list]) {
        const action = actionFor(spec.fromSnapshot(local) as { id: string }[], value);
        if (action !== 'unchanged') repository.save(value);
        outcomes.push({ kind, id: value.id, name: value.name, action });
      }
    }
    return outcomes;
  });
}

function actionFor<T extends { id: string }>(local: readonly T[], value: T): ImportOutcome['action'] {
  const existing = local.find((o) => o.id === value.id);
  if (existing === undefined) return 'created';
  return isDeepStrictEqual(existing, value) ? 'unchanged' : 'updated';
}
