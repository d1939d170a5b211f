import { AsnProp } from '@peculiar/asn1-schema';
import { PKIBody } from './pki_body';
import { PKIHeader } from './pki_header';

/**
 * What the protection (MAC or signature) is computed over.
 *
 * ```asn1
 * ProtectedPart ::= SEQUENCE {
 *     header    PKIHeader,
 *     body      PKIBody
 * }
 * ```
 */
export class ProtectedPart {
  @AsnProp({ type: PKIHeader })
  public header = new PKIHeader();

  @AsnProp({ type: PKIBody })
  public body = new PKIBody();

  constructor(params: Partial<ProtectedPart> = {}) {
    Object.assign(this, params);
  }
}
