import { createHash } from 'node:crypto';
import type { CertificateRecord, SubjectAltName, SubjectDn, TransactionTrigger } from '../../src-shared/domain';

/**
 * What a certificate is requested with. Stored with every certificate and transaction, and compared
 * with what the record asks for now: that comparison, not watching edits, detects the IR and KUR
 * triggers of reference/000 (so an edit made while the app was closed is noticed too).
 */
export interface RequestParameters {
  cmpProfileId: string;
  subject: SubjectDn;
  subjectAltNames: SubjectAltName[];
  keyAlgorithm: CertificateRecord['keyAlgorithm'];
  keyUsage: CertificateRecord['keyUsage'];
  extendedKeyUsage: CertificateRecord['extendedKeyUsage'];
  digest: CertificateRecord['digest'];
}

const subjectOrder: (keyof SubjectDn)[] = ['country', 'state', 'locality', 'organization', 'organizationalUnit', 'commonName', 'emailAddress'];

/** The parameters a CMP-managed record asks for now; null for a manual record or one without a profile. */
export function desiredParameters(record: Pick<CertificateRecord, 'managedBy' | 'cmpProfileId' | 'subject' | 'subjectAltNames' | 'keyAlgorithm' | 'keyUsage' | 'extendedKeyUsage' | 'digest'>): RequestParameters | null {
  if (record.managedBy !== 'cmp' || record.cmpProfileId === null) return null;
  return normalizeParameters({ ...record, cmpProfileId: record.cmpProfileId });
}

/** Order-independent form: the same wishes in another order are the same request. */
export function normalizeParameters(p: RequestParameters): RequestParameters {
  const subject: SubjectDn = {};
  for (const key of subjectOrder) if (p.subject[key] !== undefined) (subject as Record<string, string>)[key] = p.subject[key];
  return {
    cmpProfileId: p.cmpProfileId,
    subject,
    subjectAltNames: [...p.subjectAltNames].map((s) => ({ type: s.type, value: s.type === 'dns' ? s.value.toLowerCase() : s.value }) as SubjectAltName).sort((a, b) => `${a.type}:${a.value}`.localeCompare(`${b.type}:${b.value}`)),
    keyAlgorithm: p.keyAlgorithm,
    keyUsage: [...p.keyUsage].sort(),
    extendedKeyUsage: [...p.extendedKeyUsage].sort(),
    digest: p.digest,
  };
}

export function parametersJson(p: RequestParameters): string {
  return JSON.stringify(normalizeParameters(p));
}

export function parseParametersJson(json: string): RequestParameters {
  return JSON.parse(json) as RequestParameters;
}

/** SHA-256 of the canonical JSON: one short value per request for the journal and the history. */
export function requestFingerprint(p: RequestParameters): string {
  return createHash('sha256').update(parametersJson(p)).digest('hex');
}

/**
 * Why the certificate requested with `held` no longer matches `wanted`: IR triggers (profile,
 * subject) win over KUR triggers (key, names, usages, digest), because an IR replaces the whole
 * certificate anyway. Null when nothing the certificate depends on changed.
 */
export function parameterChange(held: RequestParameters, wanted: RequestParameters): TransactionTrigger | null {
  const a = normalizeParameters(held);
  const b = normalizeParameters(wanted);
  if (a.cmpProfileId !== b.cmpProfileId) return 'profile-changed';
  if (JSON.stringify(a.subject) !== JSON.stringify(b.subject)) return 'subject-changed';
  const keyPart = (p: RequestParameters) => JSON.stringify([p.keyAlgorithm, p.subjectAltNames, p.keyUsage, p.extendedKeyUsage, p.digest]);
  if (keyPart(a) !== keyPart(b)) return 'key-spec-changed';
  return null;
}
