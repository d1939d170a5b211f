import { Certificate } from '@peculiar/asn1-x509';

/**
 * ASN.1 values the lab CA sends and already holds as DER: the certificate it just issued, its CA
 * certificates, its own name, and parts of the request it answers (the requester's name, the MAC
 * algorithm). Encoding a decoded value again through @peculiar/asn1-schema is the slow part of a
 * response (a certificate about a millisecond, a name tens of microseconds); an object with
 * toASN/fromASN (the library's IAsnConvertible) supplies its own encoding instead, here the bytes as
 * they are. Such values are only ever written.
 */

/** `value` with `der` as its encoding; `der` must be what encoding `value` would give. Fields stay readable. */
export function preEncoded<T extends object>(value: T, der: Uint8Array): T {
  return Object.defineProperties(value, {
    toASN: { value: () => new DerBlock(der), configurable: true },
    fromASN: { value: writeOnly, configurable: true },
  });
}

/** A certificate known only as DER (its decoded fields stay empty: read `der`). */
export class PreEncodedCertificate extends Certificate {
  constructor(readonly der: Uint8Array) {
    super();
  }

  toASN(): DerBlock {
    return new DerBlock(this.der);
  }

  fromASN(): this {
    return writeOnly();
  }
}

function writeOnly(): never {
  throw new TypeError('a pre-encoded ASN.1 value is written, never decoded into');
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
