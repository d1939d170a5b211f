import { Extensions, Name } from '@peculiar/asn1-x509';
import {
  CaCertsValue, CertReqTemplateContent, CertTemplate, encodeDer, GenMsgContent, GenRepContent, id_it_caCerts,
  id_it_certReqTemplate, id_it_rootCaCert, id_it_rootCaKeyUpdate, InfoTypeAndValue, PKIBody, RootCaKeyUpdateContent,
} from '../cmp/asn1';
import { cmpCertificate } from './cmp_response_bodies';

export interface CaCertificatesDer {
  root: Uint8Array;
  issuing: Uint8Array;
}

/**
 * Answers a genm (RFC 9810 5.3.19, RFC 9483 4.3): caCerts -> the chain, rootCaCert -> the root
 * as newWithNew, or no value when the client already holds it (RFC 9483 4.3.2: no update), certReqTemplate -> an empty template (any subject,
 * any of the key types we accept). An empty genm gets caCerts. Other types are echoed without
 * a value, which says "no information of this type".
 */
export function genpBody(request: GenMsgContent, ca: CaCertificatesDer): PKIBody {
  const asked = request.length > 0 ? [...request] : [new InfoTypeAndValue({ infoType: id_it_caCerts })];
  const answers = asked.map((item) => answer(item, ca));
  return new PKIBody({ genp: new GenRepContent(answers) });
}

function answer(request: InfoTypeAndValue, ca: CaCertificatesDer): InfoTypeAndValue {
  const infoType = request.infoType;
  switch (infoType) {
    case id_it_caCerts:
      return itav(id_it_caCerts, new CaCertsValue([cmpCertificate(ca.issuing), cmpCertificate(ca.root)]));
    case id_it_rootCaCert:
      if (request.infoValue && Buffer.from(request.infoValue).equals(ca.root)) return new InfoTypeAndValue({ infoType: id_it_rootCaKeyUpdate });
      return itav(id_it_rootCaKeyUpdate, new RootCaKeyUpdateContent({ newWithNew: cmpCertificate(ca.root) }));
    case id_it_certReqTemplate:
      return itav(id_it_certReqTemplate, new CertReqTemplateContent({
        certTemplate: new CertTemplate({ subject: new Name(), extensions: new Extensions() }),
      }));
    default:
      return new InfoTypeAndValue({ infoType });
  }
}

function itav(infoType: string, value: object): InfoTypeAndValue {
  return new InfoTypeAndValue({ infoType, infoValue: toArrayBuffer(encodeDer(value)) });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

