import { Certificate } from '@peculiar/asn1-x509';
import { knownCertificate, parseCertificateDer, type ParsedCertificate } from '../../pki';
import { CaCertsValue, CMPCertificate } from '../asn1/cmp_certificate';
import { CertReqTemplateContent } from '../asn1/cert_req_template_content';
import { decodeDer, encodeDer } from '../asn1/decode';
import { CmpDecodeError } from '../asn1/der_limits';
import { InfoTypeAndValue } from '../asn1/info_type_and_value';
import { id_it_caCerts, id_it_certReqTemplate, id_it_rootCaCert } from '../asn1/object_identifiers';
import { RootCaKeyUpdateContent } from '../asn1/root_ca_key_update_content';
import { parseDer, serializeDer } from '../../pki/asn1_codec';

/** genm question: "which CA certificates should I know?" (RFC 9483 4.3.1). */
export function caCertsQuestion(): InfoTypeAndValue {
  return new InfoTypeAndValue({ infoType: id_it_caCerts });
}

/** genm question: "has my root CA rolled over?", naming the root we trust (RFC 9483 4.3.2). */
export function rootCaCertQuestion(currentRoot?: ParsedCertificate): InfoTypeAndValue {
  return new InfoTypeAndValue({
    infoType: id_it_rootCaCert,
    infoValue: currentRoot ? serializeDer(new CMPCertificate({ x509v3PKCert: parseDer(currentRoot.der, Certificate) })) : undefined,
  });
}

/** genm question: "what should my requests look like?" (RFC 9483 4.3.3). */
export function certReqTemplateQuestion(): InfoTypeAndValue {
  return new InfoTypeAndValue({ infoType: id_it_certReqTemplate });
}

export function findAnswer(answers: readonly InfoTypeAndValue[], infoType: string): InfoTypeAndValue | undefined {
  return answers.find((itav) => itav.infoType === infoType);
}

function valueOf(itav: InfoTypeAndValue): Uint8Array | undefined {
  return itav.infoValue ? new Uint8Array(itav.infoValue) : undefined;
}

/**
 * The certificate a CMPCertificate carries. A received one is described from the bytes and ASN.1
 * the message decode already produced (no re-encoding, no second parse), and the CA certificates
 * that come with every response are described once per process (knownCertificate).
 */
export function certificateOf(cmpCertificate: CMPCertificate, what: string): ParsedCertificate {
  const decoded = cmpCertificate.x509v3PKCert;
  if (!decoded) throw new CmpDecodeError(what, 'schema-mismatch', 'not an X.509 certificate');
  const raw = cmpCertificate.x509v3PKCertRaw;
  return raw ? knownCertificate(raw, decoded) : parseCertificateDer(encodeDer(decoded));
}

/** The caCerts answer; an absent value means the CA has none to tell. */
export function readCaCerts(itav: InfoTypeAndValue): ParsedCertificate[] {
  const value = valueOf(itav);
  if (!value) return [];
  return [...decodeDer(value, CaCertsValue, 'caCerts')].map((cert) => certificateOf(cert, 'caCerts certificate'));
}

export interface RootCaKeyUpdate {
  newWithNew: ParsedCertificate;
  newWithOld?: ParsedCertificate;
  oldWithNew?: ParsedCertificate;
}

/** The rootCaKeyUpdate answer; undefined when the CA reports no update. */
export function readRootCaKeyUpdate(itav: InfoTypeAndValue): RootCaKeyUpdate | undefined {
  const value = valueOf(itav);
  if (!value) return undefined;
  const content = decodeDer(value, RootCaKeyUpdateContent, 'RootCaKeyUpdateContent');
  return {
    newWithNew: certificateOf(content.newWithNew, 'newWithNew'),
    newWithOld: content.newWithOld ? certificateOf(content.newWithOld, 'newWithOld') : undefined,
    oldWithNew: content.oldWithNew ? certificateOf(content.oldWithNew, 'oldWithNew') : undefined,
  };
}

/** The certReqTemplate answer; undefined when the CA has no template. */
export function readCertReqTemplate(itav: InfoTypeAndValue): CertReqTemplateContent | undefined {
  const value = valueOf(itav);
  return value ? decodeDer(value, CertReqTemplateContent, 'CertReqTemplateContent') : undefined;
}
