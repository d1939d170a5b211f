import { randomUUID } from 'node:crypto';
import type { TrustAnchor } from '../../src-shared/domain';
import { importTrustAnchors, nameAttribute } from '../pki';
import type { Store } from '../store';

/** What happened to one certificate of an imported trust anchor file. */
export interface TrustAnchorImportResult {
  anchor: TrustAnchor;
  /** SHA-256 as colon-separated upper-case hex, the form read out for out-of-band comparison. */
  sha256Fingerprint: string;
  /** A self-signed root rather than an issuing CA. */
  selfSigned: boolean;
  /** already-present: the same certificate (same fingerprint) was imported before; nothing changed. */
  status: 'imported' | 'already-present';
}

export interface TrustAnchorFileOptions {
  /** The name for a file with one certificate; otherwise each is named by its common name. */
  name?: string;
  now: Date;
}

/**
 * Imports a PEM, DER or PKCS#7 file of CA certificates. pki/trust_anchor_import checks each one
 * (CA basicConstraints, keyCertSign, self-signature of roots, validity now) and throws
 * TrustAnchorError for malformed input or the first unacceptable certificate; then all are stored
 * in one transaction.
 */
export function importTrustAnchorFile(store: Store, input: string | Uint8Array, options: TrustAnchorFileOptions): TrustAnchorImportResult[] {
  const imported = importTrustAnchors(input, { at: options.now });
  return store.atomically(() => {
    const existing = store.config.trustAnchors.list();
    const names = new Set(existing.map((a) => a.name));
    return imported.map((candidate) => {
      const fingerprint = candidate.sha256Fingerprint.replaceAll(':', '').toLowerCase();
      const known = existing.find((a) => a.sha256Fingerprint === fingerprint);
      const base = { sha256Fingerprint: candidate.sha256Fingerprint, selfSigned: candidate.selfSigned };
      if (known !== undefined) return { ...base, anchor: known, status: 'already-present' as const };
      const wanted = (imported.length === 1 && options.name?.trim()) || nameAttribute(candidate.certificate.subjectName, 'CN') || candidate.subject;
      const name = uniqueName(wanted.slice(0, 120), names);
      names.add(name);
      const anchor = store.config.trustAnchors.save({
        id: randomUUID(),
        name,
        certificateDer: Buffer.from(candidate.certificate.der).toString('base64'),
        sha256Fingerprint: fingerprint,
        subject: candidate.subject,
        notAfter: candidate.certificate.notAfter.toISOString(),
        importedAt: options.now.toISOString(),
      });
      return { ...base, anchor, status: 'imported' as const };
    });
  });
}

function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted} (${n})`)) return `${wanted} (${n})`;
}
