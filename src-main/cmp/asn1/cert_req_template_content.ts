import { AsnProp } from '@peculiar/asn1-schema';
import { CertTemplate } from './cert_template';
import { Controls } from './controls';

/**
 * What the CA wants a request to look like, answered to a genm certReqTemplate (RFC 9810 5.3.19.16).
 *
 * ```asn1
 * CertReqTemplateContent ::= SEQUENCE {
 *    certTemplate           CertTemplate,
 *    keySpec                Controls OPTIONAL
 * }
 * ```
 */
export class CertReqTemplateContent {
  @AsnProp({ type: CertTemplate })
  public certTemplate = new CertTemplate();

  @AsnProp({ type: Controls, optional: true })
  public keySpec?: Controls;

  constructor(params: Partial<CertReqTemplateContent> = {}) {
    Object.assign(this, params);
  }
}
