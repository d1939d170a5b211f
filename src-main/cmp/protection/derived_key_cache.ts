import { hash } from 'node:crypto';

/**
 * PBM and PBMAC1 stretch the shared secret with a salt into the MAC key: 500 to a few thousand
 * hash rounds, the largest cost of a MAC-protected message. The key depends only on (secret,
 * salt, parameters), and a transaction reuses one salt (the lab CA answers with the request's), so
 * remembering recent keys turns four derivations per enrollment into one. Entries are keyed by a
 * SHA-256 of the secret, never the secret itself; bounded, least recently used first out. The keys
 * held are no more sensitive than the secrets the process holds anyway.
 */
const MAX_ENTRIES = 256;
const keys = new Map<string, Buffer>();

export function derivedKey(scheme: string, parameters: string, secret: Uint8Array, salt: Uint8Array, derive: () => Buffer): Buffer {
  const id = `${scheme}|${parameters}|${Buffer.from(salt).toString('base64')}|${hash('sha256', secret, 'base64')}`;
  const known = keys.get(id);
  if (known) {
    keys.delete(id);
    keys.set(id, known);
    return known;
  }
  const key = derive();
  keys.set(id, key);
  if (keys.size > MAX_ENTRIES) keys.delete(keys.keys().next().value as string);
  return key;
}
