import { AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { CMPCertificate } from './cmp_certificate';

/**
 * The issued certificate, in clear or encrypted (encryptedCert is kept raw: we never ask for it).
 *
 * ```asn1
 * CertOrEncCert ::= CHOICE {
 *     certificate     [0] CMPCertificate,
 *     encryptedCert   [1] EncryptedKey
 * }
 * ```
 */
@AsnType({ type: AsnTypeTypes.Choice })
export class CertOrEncCert {
  @AsnProp({ type: CMPCertificate, context: 0 })
  public certificate?: CMPCertificate;

  @AsnProp({ type: AsnPropTypes.Any, context: 1 })
  public encryptedCert?: ArrayBuffer;

  constructor(params: Partial<CertOrEncCert> = {}) {
    Object.assign(this, params);
  }
}

/**
 * The certificate and, for central key generation, the private key (kept raw).
 *
 * ```asn1
 * CertifiedKeyPair ::= SEQUENCE {
 *     certOrEncCert       CertOrEncCert,
 *     privateKey      [0] EncryptedKey      OPTIONAL,
 *     publicationInfo [1] PKIPublicationInfo OPTIONAL
 * }
 * ```
 */
export class CertifiedKeyPair {
  @AsnProp({ type: CertOrEncCert })
  public certOrEncCert = new CertOrEncCert();

  @AsnProp({ type: AsnPropTypes.Any, context: 0, optional: true })
  public privateKey?: ArrayBuffer;

  @AsnProp({ type: AsnPropTypes.Any, context: 1, optional: true })
  public publicationInfo?: ArrayBuffer;

  constructor(params: Partial<CertifiedKeyPair> = {}) {
    Object.assign(this, params);
  }
}
