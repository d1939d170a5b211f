import {
  AsnAnyConverter,
  AsnBitStringConverter,
  AsnBmpStringConverter,
  AsnBooleanConverter,
  AsnCharacterStringConverter,
  AsnEnumeratedConverter,
  AsnGeneralizedTimeConverter,
  AsnGeneralStringConverter,
  AsnGraphicStringConverter,
  AsnIA5StringConverter,
  AsnIntegerArrayBufferConverter,
  AsnIntegerBigIntConverter,
  AsnIntegerConverter,
  AsnNullConverter,
  AsnNumericStringConverter,
  AsnObjectIdentifierConverter,
  AsnOctetStringConverter,
  AsnPrintableStringConverter,
  AsnTeletexStringConverter,
  AsnUTCTimeConverter,
  AsnUtf8StringConverter,
  AsnVideotexStringConverter,
  AsnVisibleStringConverter,
  type IAsnConverter,
} from '@peculiar/asn1-schema';
import { DerShapeError } from './der_element';
import * as write from './primitive_encodings';
import * as read from './primitive_values';

/**
 * Each @peculiar/asn1-schema converter the codec covers, with the universal tag it writes, a reader
 * that returns what its fromASN returns and a writer that produces the content octets its toASN
 * encodes to. Converters of other packages (e.g. asn1-x509's IP address) are left to asn1-schema.
 */
interface ConverterCodec {
  /** -1 for ANY, whose writer returns the whole element. */
  tag: number;
  read: read.ReadValue;
  write: write.WriteValue;
}

const integerOf = (value: unknown) => write.twosComplement(write.integerValue(value));

const CODECS = new Map<IAsnConverter, ConverterCodec>([
  [AsnAnyConverter, { tag: -1, read: read.any, write: write.any }],
  [AsnIntegerConverter, { tag: 2, read: read.integer, write: integerOf }],
  [AsnEnumeratedConverter, { tag: 10, read: read.enumerated, write: integerOf }],
  [AsnIntegerArrayBufferConverter, { tag: 2, read: (bytes, element) => read.copy(read.content(bytes, element)), write: write.bytesOf }],
  [AsnIntegerBigIntConverter, { tag: 2, read: (bytes, element) => read.signedBigInt(read.content(bytes, element)), write: write.bigInteger }],
  [AsnBitStringConverter, { tag: 3, read: read.bitString, write: (value) => write.withUnusedBits(0, write.bytesOf(value)) }],
  [AsnObjectIdentifierConverter, { tag: 6, read: read.objectIdentifier, write: write.objectIdentifier }],
  [AsnBooleanConverter, { tag: 1, read: read.boolean, write: (value) => Uint8Array.of(value ? 0xff : 0x00) }],
  [AsnOctetStringConverter, { tag: 4, read: read.octetString, write: write.bytesOf }],
  [AsnUtf8StringConverter, { tag: 12, read: read.utf8String, write: write.utf8String }],
  [AsnBmpStringConverter, { tag: 30, read: read.bmpString, write: write.bmp }],
  [AsnNumericStringConverter, { tag: 18, read: read.latin1String, write: write.latin1 }],
  [AsnPrintableStringConverter, { tag: 19, read: read.latin1String, write: write.latin1 }],
  [AsnTeletexStringConverter, { tag: 20, read: read.latin1String, write: write.latin1 }],
  [AsnVideotexStringConverter, { tag: 21, read: read.latin1String, write: write.latin1 }],
  [AsnIA5StringConverter, { tag: 22, read: read.latin1String, write: write.latin1 }],
  [AsnGraphicStringConverter, { tag: 25, read: read.latin1String, write: write.latin1 }],
  [AsnVisibleStringConverter, { tag: 26, read: read.latin1String, write: write.latin1 }],
  [AsnGeneralStringConverter, { tag: 27, read: read.latin1String, write: write.latin1 }],
  [AsnCharacterStringConverter, { tag: 29, read: read.latin1String, write: write.latin1 }],
  [AsnUTCTimeConverter, { tag: 23, read: read.utcTime, write: write.utcTime }],
  [AsnGeneralizedTimeConverter, { tag: 24, read: read.generalizedTime, write: write.generalizedTime }],
  [AsnNullConverter, { tag: 5, read: () => null, write: () => new Uint8Array(0) }],
]);

export function codecFor(converter: IAsnConverter): ConverterCodec {
  const codec = CODECS.get(converter);
  if (!codec) throw new DerShapeError('converter without a fast reader and writer');
  return codec;
}
