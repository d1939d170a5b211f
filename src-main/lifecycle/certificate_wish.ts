import type { KeyObject } from 'node:crypto';
import type { KeyUsageType } from '@peculiar/asn1-x509';
import type { CertificateWish } from '../cmp/messages/cert_template';
import { emptySanList, nameFromParts, type SanList } from '../pki';
import type { RequestParameters } from './request_parameters';

const ekuNames: Record<string, string> = { ocspSigning: 'OCSPSigning', ipsecIke: 'ipsecIKE' };

export function sanListOf(parameters: RequestParameters): SanList {
  const sans = emptySanList();
  for (const san of parameters.subjectAltNames) sans[san.type].push(san.value);
  return sans;
}

/** The CRMF wish for a record's request parameters and the new public key. */
export function certificateWish(parameters: RequestParameters, publicKey: KeyObject): CertificateWish {
  const s = parameters.subject;
  return {
    subject: nameFromParts({ C: s.country, ST: s.state, L: s.locality, O: s.organization, OU: s.organizationalUnit, CN: s.commonName, emailAddress: s.emailAddress }),
    publicKey,
    sans: sanListOf(parameters),
    keyUsage: parameters.keyUsage.map((u) => (u === 'cRLSign' ? 'crlSign' : u) as KeyUsageType),
    extendedKeyUsage: parameters.extendedKeyUsage.map((e) => ekuNames[e] ?? e),
  };
}
