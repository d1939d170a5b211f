import { AsnArray, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { CMPCertificate } from './cmp_certificate';
import { PKIBody } from './pki_body';
import { PKIHeader } from './pki_header';

/**
 * One CMP message. `headerRaw`/`bodyRaw` keep the bytes as received, because protection is
 * verified over exactly those bytes, not over our re-encoding of them.
 *
 * ```asn1
 * PKIMessage ::= SEQUENCE {
 *     header           PKIHeader,
 *     body             PKIBody,
 *     protection   [0] PKIProtection OPTIONAL,
 *     extraCerts   [1] SEQUENCE SIZE (1..MAX) OF CMPCertificate
 *                   OPTIONAL
 * }
 *
 * PKIProtection ::= BIT STRING
 * ```
 */
export class PKIMessage {
  @AsnProp({ type: PKIHeader, raw: true })
  public header = new PKIHeader();

  @AsnProp({ type: PKIBody, raw: true })
  public body = new PKIBody();

  @AsnProp({ type: AsnPropTypes.BitString, context: 0, optional: true })
  public protection?: ArrayBuffer;

  @AsnProp({ type: CMPCertificate, context: 1, optional: true, repeated: 'sequence' })
  public extraCerts?: CMPCertificate[];

  /** DER of the header as received; absent on messages we build. */
  public headerRaw?: Uint8Array;

  /** DER of the body as received; absent on messages we build. */
  public bodyRaw?: Uint8Array;

  constructor(params: Partial<PKIMessage> = {}) {
    Object.assign(this, params);
  }
}

/**
 * ```asn1
 * PKIMessages ::= SEQUENCE SIZE (1..MAX) OF PKIMessage
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: PKIMessage })
export class PKIMessages extends AsnArray<PKIMessage> {
  constructor(items?: PKIMessage[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, PKIMessages.prototype);
  }
}
