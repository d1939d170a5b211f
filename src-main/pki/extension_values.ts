import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  Extension,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  KeyUsage,
  KeyUsageType,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { describeCause, type PkiError } from './errors';
import { emptySanList, generalNamesToSanList, type SanList } from './subject_alt_names';
import { parseDer } from './asn1_codec';

/** The extension values cmp-desk reads from certificates and CSRs, decoded once in one place. */
export interface ExtensionValues {
  subjectKeyIdentifier?: Uint8Array;
  authorityKeyIdentifier?: Uint8Array;
  basicConstraints?: { ca: boolean; pathLength?: number };
  /** In RFC 5280 bit order (digitalSignature first). */
  keyUsage?: KeyUsageType[];
  /** Extended key usage purpose OIDs. */
  extKeyUsage?: string[];
  sans: SanList;
}

const KEY_USAGE_BITS: KeyUsageType[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'crlSign',
  'encipherOnly',
  'decipherOnly',
];

/**
 * Decodes the known extensions; `fail` builds the caller's typed error (certificate vs CSR) for
 * duplicates and malformed values.
 */
export function readExtensionValues(extensions: readonly Extension[], fail: (message: string, cause?: unknown) => PkiError): ExtensionValues {
  const seen = new Set<string>();
  for (const { extnID } of extensions) {
    if (seen.has(extnID)) throw fail(`Extension ${extnID} appears twice`);
    seen.add(extnID);
  }
  const value = <T>(oid: string, type: new () => T): T | undefined => {
    const found = extensions.find((e) => e.extnID === oid);
    if (!found) return undefined;
    try {
      return parseDer(found.extnValue.buffer, type);
    } catch (cause) {
      throw fail(`Extension ${oid} is malformed: ${describeCause(cause)}`, cause);
    }
  };
  const basicConstraints = value(id_ce_basicConstraints, BasicConstraints);
  const keyUsage = value(id_ce_keyUsage, KeyUsage);
  const extKeyUsage = value(id_ce_extKeyUsage, ExtendedKeyUsage);
  const san = value(id_ce_subjectAltName, SubjectAlternativeName);
  const skid = value(id_ce_subjectKeyIdentifier, SubjectKeyIdentifier);
  const akid = value(id_ce_authorityKeyIdentifier, AuthorityKeyIdentifier);
  const keyUsageFlags = keyUsage?.toNumber() ?? 0;
  return {
    subjectKeyIdentifier: skid ? new Uint8Array(skid.buffer) : undefined,
    authorityKeyIdentifier: akid?.keyIdentifier ? new Uint8Array(akid.keyIdentifier.buffer) : undefined,
    basicConstraints: basicConstraints ? { ca: basicConstraints.cA, pathLength: basicConstraints.pathLenConstraint } : undefined,
    keyUsage: keyUsage ? KEY_USAGE_BITS.filter((_name, bit) => (keyUsageFlags & (1 << bit)) !== 0) : undefined,
    extKeyUsage: extKeyUsage ? [...extKeyUsage] : undefined,
    sans: san ? generalNamesToSanList(san) : emptySanList(),
  };
}
