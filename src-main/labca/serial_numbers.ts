import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { LabCaStoreError } from './errors';

/** How many serial numbers one write to disk reserves; a crash skips at most this many counter values. */
const reservationBlock = 256;

/**
 * Hands out certificate serial numbers that never repeat, across restarts and crashes.
 *
 * A serial is `counter || 64 random bits` (RFC 5280 4.1.2.2: positive, at most 20 octets). The counter
 * makes it unique for this CA; the random half keeps serials unpredictable (CA/B forum habit). The
 * counter is persisted ahead of use in blocks: the file always holds a value no handed-out counter
 * reached, so after a crash we start above everything that may have been used.
 */
export class SerialNumberAllocator {
  private next: bigint;
  private reservedUpTo: bigint;

  private constructor(private readonly file: string, start: bigint) {
    this.next = start;
    this.reservedUpTo = start;
  }

  /** Opens (or creates) the counter file. */
  static open(file: string): SerialNumberAllocator {
    let start = 1n;
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8').trim();
      if (!/^[0-9]{1,19}$/.test(text)) {
        throw new LabCaStoreError(file, 'a decimal serial counter', JSON.stringify(text.slice(0, 40)));
      }
      start = BigInt(text);
    }
    return new SerialNumberAllocator(file, start);
  }

  /** The next serial number as a positive bigint. */
  allocate(): bigint {
    if (this.next >= this.reservedUpTo) this.reserve(this.next + BigInt(reservationBlock));
    const counter = this.next++;
    const random = randomBytes(8).readBigUInt64BE();
    return (counter << 64n) | random;
  }

  private reserve(upTo: bigint): void {
    writeFileDurably(this.file, `${upTo}\n`);
    this.reservedUpTo = upTo;
  }
}

/** Writes `text` so that after a crash the file holds either the old or the new content, never a mix. */
export function writeFileDurably(file: string, text: string | Uint8Array, mode = 0o600): void {
  const temporary = `${file}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w', mode);
  try {
    writeSync(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** Serial as minimal big-endian two's-complement bytes (a leading 0x00 when the top bit is set). */
export function serialToBytes(serial: bigint): Uint8Array {
  let hex = serial.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Serial as upper-case hex of whole bytes without leading zero bytes, as `openssl x509 -serial` and ParsedCertificate print it. */
export function serialToHex(serial: bigint): string {
  const hex = serial.toString(16).toUpperCase();
  return hex.length % 2 ? `0${hex}` : hex;
}

/** Parses serial bytes as found in a certificate (two's complement, positive). */
export function serialFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}
