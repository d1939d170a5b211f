import { AsnArray, AsnProp, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';

/**
 * A certificate as CMP carries it (extraCerts, caPubs, responses).
 *
 * ```asn1
 * CMPCertificate ::= CHOICE { x509v3PKCert Certificate, ... }
 * ```
 */
@AsnType({ type: AsnTypeTypes.Choice })
export class CMPCertificate {
  @AsnProp({ type: Certificate, raw: true })
  public x509v3PKCert?: Certificate;

  /** DER of the certificate as received (a view into the message); absent on certificates we build. */
  public x509v3PKCertRaw?: Uint8Array;

  constructor(params: Partial<CMPCertificate> = {}) {
    Object.assign(this, params);
  }
}

/**
 * The CA certificates a genm caCerts request returns (RFC 9810 5.3.19.20).
 *
 * ```asn1
 * CaCertsValue ::= SEQUENCE SIZE (1..MAX) OF CMPCertificate
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: CMPCertificate })
export class CaCertsValue extends AsnArray<CMPCertificate> {
  constructor(items?: CMPCertificate[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, CaCertsValue.prototype);
  }
}
