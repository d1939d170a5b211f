import { PKIMessage } from '../asn1/pki_message';
import { ProtectedPart } from '../asn1/protected_part';
import { encodeDer } from '../asn1/decode';
import { derTlv } from '../../pki/der';

/**
 * The DER bytes protection covers. For a received message these are the header and body bytes
 * exactly as they arrived (a re-encoding could differ from what the peer protected).
 */
export function protectedPartDer(message: PKIMessage): Uint8Array {
  if (message.headerRaw && message.bodyRaw) return derTlv(0x30, [message.headerRaw, message.bodyRaw]);
  return encodeDer(new ProtectedPart({ header: message.header, body: message.body }));
}
