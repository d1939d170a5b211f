import { AsnParser } from '@peculiar/asn1-schema';
import { PKIMessage } from './pki_message';
import { pkiBodyType } from './pki_body';
import { checkDerShape, CmpDecodeError, DEFAULT_DER_LIMITS, type DerLimits } from './der_limits';
import { decodeWithSchema, serializeDer } from '../../pki/asn1_codec';

type Constructor<T> = new () => T;

/**
 * Decodes untrusted DER into an ASN.1 class. Any failure, whatever its origin inside the ASN.1
 * libraries, leaves as a CmpDecodeError naming `structure`. The fast schema walker answers first;
 * whatever it does not cover or refuses is decoded by asn1-schema's AsnParser, whose answer counts.
 */
export function decodeDer<T>(bytes: Uint8Array | ArrayBuffer, type: Constructor<T>, structure: string, limits: Partial<DerLimits> = {}): T {
  const effective = { ...DEFAULT_DER_LIMITS, ...limits };
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  checkDerShape(view, structure, effective);
  try {
    return decodeWithSchema(view, type);
  } catch {
    // Not covered by the fast walker: AsnParser decides, with its own error if the input is bad.
  }
  const berOptions = { maxDepth: effective.maxDepth * 2, maxNodes: effective.maxElements * 2, maxContentLength: effective.maxBytes };
  try {
    return AsnParser.parse(view, type, { berOptions });
  } catch (error) {
    throw new CmpDecodeError(structure, 'schema-mismatch', error instanceof Error ? error.message : String(error));
  }
}

/** Encodes an ASN.1 class instance to DER (serializeDer: the schema walker, or AsnSerializer for what it does not cover). */
export function encodeDer(value: object): Uint8Array {
  return new Uint8Array(serializeDer(value));
}

/**
 * Decodes a PKIMessage received from a peer: size- and depth-limited, and checked to hold a known
 * body type. Throws only CmpDecodeError.
 */
export function decodePkiMessage(bytes: Uint8Array | ArrayBuffer, limits: Partial<DerLimits> = {}): PKIMessage {
  const message = decodeDer(bytes, PKIMessage, 'PKIMessage', limits);
  try {
    pkiBodyType(message.body);
  } catch {
    throw new CmpDecodeError('PKIMessage', 'schema-mismatch', 'body holds no known PKIBody type');
  }
  if (!message.headerRaw || !message.bodyRaw) {
    throw new CmpDecodeError('PKIMessage', 'schema-mismatch', 'header or body bytes missing');
  }
  return message;
}

/** Encodes a PKIMessage to DER. */
export function encodePkiMessage(message: PKIMessage): Uint8Array {
  return encodeDer(message);
}
