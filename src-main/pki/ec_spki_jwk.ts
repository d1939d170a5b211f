import { readTlv } from './der';

/**
 * AlgorithmIdentifier DER of EC keys on the named curves we issue for (RFC 5480: id-ecPublicKey
 * with the namedCurve OID), with the JWK curve name and coordinate length.
 */
const namedCurves = [
  { algorithm: '301306072a8648ce3d020106082a8648ce3d030107', crv: 'P-256', coordinateBytes: 32 },
  { algorithm: '301006072a8648ce3d020106052b81040022', crv: 'P-384', coordinateBytes: 48 },
  { algorithm: '301006072a8648ce3d020106052b81040023', crv: 'P-521', coordinateBytes: 66 },
].map((curve) => ({ ...curve, algorithm: Buffer.from(curve.algorithm, 'hex') }));

/**
 * An EC SubjectPublicKeyInfo with an uncompressed point on a named curve — what nearly every key
 * carries — as JWK: OpenSSL 3 decodes SPKI DER through its generic decoder at about twice the cost
 * of a JWK import, and both check that the point lies on the curve.
 */
/** `SEQUENCE { AlgorithmIdentifier, BIT STRING { 0 unused bits, 04 || x || y } }` on a known curve, as JWK; undefined otherwise. */
export function ecJwk(spki: Uint8Array): { kty: 'EC'; crv: string; x: string; y: string } | undefined {
  const outer = readTlv(spki, 0);
  if (!outer || outer.tag !== 0x30 || outer.end !== spki.length) return undefined;
  const algorithm = readTlv(spki, outer.contentStart);
  if (!algorithm || algorithm.tag !== 0x30) return undefined;
  const algorithmDer = spki.subarray(outer.contentStart, algorithm.end);
  const curve = namedCurves.find((known) => Buffer.compare(known.algorithm, algorithmDer) === 0);
  const bits = curve && readTlv(spki, algorithm.end);
  if (!curve || !bits || bits.tag !== 0x03 || bits.end !== spki.length) return undefined;
  const n = curve.coordinateBytes;
  if (bits.end - bits.contentStart !== 2 + 2 * n || spki[bits.contentStart] !== 0 || spki[bits.contentStart + 1] !== 0x04) return undefined;
  const x = bits.contentStart + 2;
  const coordinate = (start: number) => Buffer.from(spki.buffer, spki.byteOffset + start, n).toString('base64url');
  return { kty: 'EC', crv: curve.crv, x: coordinate(x), y: coordinate(x + n) };
}
