import { AsnProp } from '@peculiar/asn1-schema';
import { CMPCertificate } from './cmp_certificate';

/**
 * A CA's root key rollover, answered to a genm rootCaCert (RFC 9810 5.3.19.21):
 * the new root self-signed, and the two link certificates.
 *
 * ```asn1
 * RootCaKeyUpdateContent ::= SEQUENCE {
 *    newWithNew              CMPCertificate,
 *    newWithOld          [0] CMPCertificate OPTIONAL,
 *    oldWithNew          [1] CMPCertificate OPTIONAL
 * }
 * ```
 */
export class RootCaKeyUpdateContent {
  @AsnProp({ type: CMPCertificate })
  public newWithNew = new CMPCertificate();

  @AsnProp({ type: CMPCertificate, context: 0, optional: true })
  public newWithOld?: CMPCertificate;

  @AsnProp({ type: CMPCertificate, context: 1, optional: true })
  public oldWithNew?: CMPCertificate;

  constructor(params: Partial<RootCaKeyUpdateContent> = {}) {
    Object.assign(this, params);
  }
}
