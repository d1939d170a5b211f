import { describe, expect, it } from 'vitest';
import { wellKnownCmpPath, wellKnownCmpUrl } from '../../../../src-main/cmp/transport';

describe('RFC 9811 well-known path', () => {
  it('builds the path with and without a label', () => {
    expect(wellKnownCmpPath()).toBe('/.well-known/cmp');
    expect(wellKnownCmpPath('tls-servers')).toBe('/.well-known/cmp/p/tls-servers');
  });

  it('refuses labels that are not one path segment', () => {
    expect(() => wellKnownCmpPath('')).toThrow(RangeError);
    expect(() => wellKnownCmpPath('a/b')).toThrow(/path segment/);
  });

  it('puts the path on a server origin, replacing any path', () => {
    expect(wellKnownCmpUrl('https://ca.example:8443/ignored', 'lab')).toBe('https://ca.example:8443/.well-known/cmp/p/lab');
  });
});
