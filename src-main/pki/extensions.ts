import { createHash, type KeyObject } from 'node:crypto';
import { OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  CRLDistributionPoints,
  DistributionPoint,
  DistributionPointName,
  ExtendedKeyUsage,
  Extension,
  GeneralName,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_cRLDistributionPoints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  KeyIdentifier,
  KeyUsage,
  KeyUsageType,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { CertificateBuildError } from './errors';
import { publicKeyDer } from './keys';
import { sanListToGeneralNames, type SanList } from './subject_alt_names';
import { serializeDer } from './asn1_codec';
import { readTlv } from './der';

/** X.509 extensions as cmp-desk writes them into CSRs and certificates, named in the administrator's words. */

/** Extended key usages by the names admins pick (RFC 5280, RFC 4945 ipsecIKE, RFC 5924 sipDomain, RFC 6402 cmcRA/cmcCA). */
export const EXTENDED_KEY_USAGES = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
  ipsecIKE: '1.3.6.1.5.5.7.3.17',
  sipDomain: '1.3.6.1.5.5.7.3.20',
  cmcCA: '1.3.6.1.5.5.7.3.27',
  cmcRA: '1.3.6.1.5.5.7.3.28',
} as const;
export type ExtendedKeyUsageName = keyof typeof EXTENDED_KEY_USAGES;

const KEY_USAGE_FLAG: Record<KeyUsageType, number> = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  crlSign: 64,
  encipherOnly: 128,
  decipherOnly: 256,
};

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(serializeDer(value)) });
}

/** basicConstraints, critical as RFC 5280 requires for CA certificates. */
export function basicConstraintsExtension(ca: boolean, pathLength?: number): Extension {
  if (pathLength !== undefined && (!ca || !Number.isInteger(pathLength) || pathLength < 0)) {
    throw new CertificateBuildError(`pathLength ${pathLength} is only allowed as a non-negative integer on a CA`);
  }
  return extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: ca, pathLenConstraint: pathLength }));
}

/** keyUsage, critical (RFC 5280 4.2.1.3: "SHOULD mark this extension critical"). */
export function keyUsageExtension(usages: readonly KeyUsageType[]): Extension {
  if (usages.length === 0) throw new CertificateBuildError('keyUsage needs at least one usage');
  const flags = usages.reduce((sum, usage) => {
    if (!(usage in KEY_USAGE_FLAG)) throw new CertificateBuildError(`Unknown key usage "${usage}"`);
    return sum | KEY_USAGE_FLAG[usage];
  }, 0);
  return extension(id_ce_keyUsage, true, new KeyUsage(flags));
}

/** The OID of an EKU name, or the text itself when it is already a dotted OID. */
export function extendedKeyUsageOid(nameOrOid: string): string {
  if (nameOrOid in EXTENDED_KEY_USAGES) return EXTENDED_KEY_USAGES[nameOrOid as ExtendedKeyUsageName];
  if (/^[0-2](\.\d+)+$/.test(nameOrOid)) return nameOrOid;
  throw new CertificateBuildError(`Unknown extended key usage "${nameOrOid}"; expected one of ${Object.keys(EXTENDED_KEY_USAGES).join(', ')} or an OID`);
}

/** extKeyUsage, not critical, from names ("serverAuth") or OIDs. */
export function extendedKeyUsageExtension(usages: readonly string[]): Extension {
  if (usages.length === 0) throw new CertificateBuildError('extKeyUsage needs at least one purpose');
  return extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage(usages.map(extendedKeyUsageOid)));
}

/** subjectAltName; critical when the subject is empty (RFC 5280 4.2.1.6). */
export function subjectAltNameExtension(sans: SanList | GeneralName[], subjectIsEmpty = false): Extension {
  const names = Array.isArray(sans) ? sans : sanListToGeneralNames(sans);
  if (names.length === 0) throw new CertificateBuildError('subjectAltName needs at least one name');
  return extension(id_ce_subjectAltName, subjectIsEmpty, names);
}

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value (not of the whole SPKI). */
export function keyIdentifier(publicKey: KeyObject): Uint8Array {
  return keyIdentifierOfSpki(publicKeyDer(publicKey));
}

/** RFC 5280 4.2.1.2 method (1) from SubjectPublicKeyInfo DER: SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifierOfSpki(spki: Uint8Array): Uint8Array {
  const outer = readTlv(spki, 0);
  const algorithm = outer?.tag === 0x30 ? readTlv(spki, outer.contentStart) : undefined;
  const bits = algorithm?.tag === 0x30 ? readTlv(spki, algorithm.end) : undefined;
  if (!outer || outer.end !== spki.length || !bits || bits.tag !== 0x03 || bits.end !== outer.end || bits.end - bits.contentStart < 2) {
    throw new CertificateBuildError('The subject public key is not a DER SubjectPublicKeyInfo');
  }
  return new Uint8Array(createHash('sha1').update(spki.subarray(bits.contentStart + 1, bits.end)).digest());
}

export function subjectKeyIdentifierExtension(keyId: Uint8Array): Extension {
  return extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId));
}

export function authorityKeyIdentifierExtension(issuerKeyIdentifier: Uint8Array): Extension {
  return extension(
    id_ce_authorityKeyIdentifier,
    false,
    new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(issuerKeyIdentifier) }),
  );
}

/** cRLDistributionPoints with one distribution point per URL. */
export function crlDistributionPointsExtension(urls: readonly string[]): Extension {
  if (urls.length === 0) throw new CertificateBuildError('cRLDistributionPoints needs at least one URL');
  for (const url of urls) {
    if (!URL.canParse(url)) throw new CertificateBuildError(`CRL distribution point "${url}" is not an absolute URL`);
  }
  const points = urls.map(
    (url) =>
      new DistributionPoint({
        distributionPoint: new DistributionPointName({ fullName: [new GeneralName({ uniformResourceIdentifier: url })] }),
      }),
  );
  return extension(id_ce_cRLDistributionPoints, false, new CRLDistributionPoints(points));
}
