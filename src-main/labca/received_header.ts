import { readTlv } from '../pki/der';

/** DER of the PKIHeader fields the lab CA repeats in its answer, as the request carried them. */
export interface ReceivedHeaderFields {
  /** sender GeneralName: our answer's recipient. */
  sender: Uint8Array;
  /** protectionAlg's AlgorithmIdentifier: a MAC-protected answer reuses it. */
  protectionAlg?: Uint8Array;
}

/** protectionAlg [1] AlgorithmIdentifier, EXPLICIT like every tag of the PKIHeader module. */
const protectionAlgTag = 0xa1;

/**
 * Finds sender and protectionAlg in the bytes of a PKIHeader that already decoded:
 * `PKIHeader ::= SEQUENCE { pvno INTEGER, sender GeneralName, recipient GeneralName, messageTime [0] …, protectionAlg [1] …, … }`.
 * Undefined when the bytes do not have that shape.
 */
export function receivedHeaderFields(headerDer: Uint8Array | undefined): ReceivedHeaderFields | undefined {
  const header = headerDer && readTlv(headerDer, 0);
  if (!headerDer || !header || header.tag !== 0x30 || header.end !== headerDer.length) return undefined;
  const pvno = readTlv(headerDer, header.contentStart);
  if (!pvno || pvno.tag !== 0x02) return undefined;
  const sender = readTlv(headerDer, pvno.end);
  const recipient = sender && readTlv(headerDer, sender.end);
  if (!sender || !recipient || recipient.end > header.end) return undefined;
  const fields: ReceivedHeaderFields = { sender: headerDer.subarray(pvno.end, sender.end) };
  // The optional fields follow in tag order: messageTime [0], protectionAlg [1], …
  for (let field = readTlv(headerDer, recipient.end); field && field.end <= header.end && field.tag <= protectionAlgTag; field = readTlv(headerDer, field.end)) {
    if (field.tag !== protectionAlgTag) continue;
    const algorithm = readTlv(headerDer, field.contentStart);
    if (!algorithm || algorithm.end !== field.end) return undefined;
    fields.protectionAlg = headerDer.subarray(field.contentStart, field.end);
  }
  return fields;
}
