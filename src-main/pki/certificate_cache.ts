import { hash } from 'node:crypto';
import type { Certificate } from '@peculiar/asn1-x509';
import { certificateFromAsn, parseCertificateDer, type ParsedCertificate } from './certificate';

/**
 * The same CA certificates arrive in every CMP response (caPubs, extraCerts) and every lab CA
 * request names the same few signers: describing each once per process saves a key import, an
 * extension walk and name formatting per message. Keyed by the SHA-256 of the exact DER, so a
 * hit is the very same certificate; bounded, least recently used first out.
 */
const MAX_ENTRIES = 256;
const cache = new Map<string, ParsedCertificate>();

/**
 * The ParsedCertificate for `der`, from the cache or decoded now; `decoded` (the ASN.1 already
 * parsed from exactly these bytes) spares a second parse. Throws what parseCertificateDer throws.
 * The result is shared: treat it as read-only, like every ParsedCertificate.
 */
export function knownCertificate(der: Uint8Array, decoded?: Certificate): ParsedCertificate {
  const key = hash('sha256', der, 'base64');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const certificate = decoded ? certificateFromAsn(der, decoded) : parseCertificateDer(der);
  cache.set(key, certificate);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return certificate;
}
