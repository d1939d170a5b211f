import { AsnProp } from '@peculiar/asn1-schema';
import { Time } from '@peculiar/asn1-x509';

/**
 * The validity an end entity asks for. Time is a CHOICE, so its [0]/[1] tags are explicit even
 * inside the IMPLICIT TAGS CRMF module (X.680 31.2.7).
 *
 * ```asn1
 * OptionalValidity ::= SEQUENCE {
 *     notBefore  [0] Time OPTIONAL,
 *     notAfter   [1] Time OPTIONAL } -- at least one MUST be present
 * ```
 */
export class OptionalValidity {
  @AsnProp({ type: Time, context: 0, optional: true })
  public notBefore?: Time;

  @AsnProp({ type: Time, context: 1, optional: true })
  public notAfter?: Time;

  constructor(params: Partial<OptionalValidity> = {}) {
    Object.assign(this, params);
  }
}
