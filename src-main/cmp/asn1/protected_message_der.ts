import { derBitString, derTlv } from '../../pki/der';
import { encodeDer } from './decode';
import type { PKIMessage } from './pki_message';

/**
 * DER of a PKIMessage from header and body bytes encoded once: the same bytes the protection was
 * computed over go on the wire, and the ASN.1 serialiser does not walk header and body a second
 * time. Byte-identical to encodePkiMessage for the same content.
 */
export function encodeMessageFromParts(headerDer: Uint8Array, bodyDer: Uint8Array, message: Pick<PKIMessage, 'protection' | 'extraCerts'>): Uint8Array {
  const parts = [headerDer, bodyDer];
  if (message.protection) parts.push(derTlv(0xa0, [derBitString(new Uint8Array(message.protection))]));
  if (message.extraCerts?.length) {
    const certificates = message.extraCerts.map((cert) => cert.x509v3PKCertRaw ?? encodeDer(cert));
    parts.push(derTlv(0xa1, [derTlv(0x30, certificates)]));
  }
  return derTlv(0x30, parts);
}
