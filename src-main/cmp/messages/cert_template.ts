import type { KeyObject } from 'node:crypto';
import { Extensions, Name, SubjectPublicKeyInfo, Time, type KeyUsageType } from '@peculiar/asn1-x509';
import { extendedKeyUsageExtension, keyUsageExtension, publicKeyDer, subjectAltNameExtension, type SanList } from '../../pki';
import { CertTemplate } from '../asn1/cert_template';
import { OptionalValidity } from '../asn1/optional_validity';
import { cloneName } from './header';
import { parseDer } from '../../pki/asn1_codec';

/** What the administrator asks for in a certificate. */
export interface CertificateWish {
  subject: Name;
  publicKey: KeyObject;
  sans?: SanList;
  keyUsage?: KeyUsageType[];
  extendedKeyUsage?: string[];
  /** Requested validity; the CA may shorten it (grantedWithMods). */
  validity?: { notBefore?: Date; notAfter?: Date };
}

function hasSans(sans: SanList | undefined): sans is SanList {
  return !!sans && sans.dns.length + sans.ip.length + sans.uri.length + sans.email.length > 0;
}

/** The CRMF CertTemplate for a wish: subject, publicKey, requested validity and extensions. */
export function buildCertTemplate(wish: CertificateWish): CertTemplate {
  const extensions = new Extensions();
  if (hasSans(wish.sans)) extensions.push(subjectAltNameExtension(wish.sans, wish.subject.length === 0));
  if (wish.keyUsage?.length) extensions.push(keyUsageExtension(wish.keyUsage));
  if (wish.extendedKeyUsage?.length) extensions.push(extendedKeyUsageExtension(wish.extendedKeyUsage));
  const validity = wish.validity;
  return new CertTemplate({
    subject: cloneName(wish.subject),
    publicKey: parseDer(publicKeyDer(wish.publicKey), SubjectPublicKeyInfo),
    validity:
      validity && (validity.notBefore || validity.notAfter)
        ? new OptionalValidity({
            notBefore: validity.notBefore ? new Time(validity.notBefore) : undefined,
            notAfter: validity.notAfter ? new Time(validity.notAfter) : undefined,
          })
        : undefined,
    extensions: extensions.length ? extensions : undefined,
  });
}
