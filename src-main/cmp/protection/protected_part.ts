import { PKIMessage } from '../asn1/pki_message';
import { ProtectedPart } from '../asn1/protected_part';
import { encodeDer } from '../asn1/decode';

/**
 * The DER bytes protection covers. For a received message these are the header and body bytes
 * exactly as they arrived (a re-encoding could differ from what the peer protected).
 */
export function protectedPartDer(message: PKIMessage): Uint8Array {
  if (message.headerRaw && message.bodyRaw) {
    const content = new Uint8Array(message.headerRaw.length + message.bodyRaw.length);
    content.set(message.headerRaw, 0);
    content.set(message.bodyRaw, message.headerRaw.length);
    return new Uint8Array([...derSequenceHeader(content.length), ...content]);
  }
  return encodeDer(new ProtectedPart({ header: message.header, body: message.body }));
}

function derSequenceHeader(length: number): number[] {
  if (length < 0x80) return [0x30, length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return [0x30, 0x80 | bytes.length, ...bytes];
}
