import { Certificate } from '@peculiar/asn1-x509';

/**
 * A certificate the lab CA sends (the one it just issued, its CA certificates in caPubs and genp)
 * and already holds as DER. Encoding a decoded Certificate again through @peculiar/asn1-schema costs
 * about a millisecond per certificate; an object with toASN/fromASN (the library's IAsnConvertible)
 * supplies its own encoding instead, here the bytes as they are. Only ever written: its decoded
 * fields stay empty, read `der`.
 */
export class PreEncodedCertificate extends Certificate {
  constructor(readonly der: Uint8Array) {
    super();
  }

  toASN(): DerBlock {
    return new DerBlock(this.der);
  }

  fromASN(): this {
    throw new TypeError('a pre-encoded certificate is written, never decoded into');
  }
}

/** The part of an asn1js block the serialiser uses: toBER, writing into the enclosing block's writer when given. */
class DerBlock {
  constructor(private readonly der: Uint8Array) {}

  toBER(sizeOnly?: boolean, writer?: { write(bytes: ArrayBuffer): void }): ArrayBuffer {
    const bytes = sizeOnly ? new ArrayBuffer(this.der.byteLength) : (this.der.slice().buffer as ArrayBuffer);
    if (!writer) return bytes;
    writer.write(bytes);
    return new ArrayBuffer(0);
  }
}
