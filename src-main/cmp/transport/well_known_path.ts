/** RFC 9811 section 3.6: the well-known path of a CMP server, optionally with a CA/profile label. */
export function wellKnownCmpPath(label?: string): string {
  if (label === undefined) return '/.well-known/cmp';
  if (label === '' || !/^[A-Za-z0-9._~-]+$/.test(label)) {
    throw new RangeError(`CMP path label '${label}' must be a non-empty URI path segment of letters, digits and . _ ~ -`);
  }
  return `/.well-known/cmp/p/${label}`;
}

/** The URL of a CMP server at its well-known path, e.g. wellKnownCmpUrl('https://ca.example', 'tls') -> 'https://ca.example/.well-known/cmp/p/tls'. */
export function wellKnownCmpUrl(origin: string, label?: string): string {
  const url = new URL(origin);
  url.pathname = wellKnownCmpPath(label);
  return url.toString();
}
