import { describe, expect, it } from 'vitest';
import { bypassesProxy, parseNoProxy } from '../../../../src-main/cmp/transport';

describe('no_proxy', () => {
  it('splits a no_proxy value on commas and spaces', () => {
    expect(parseNoProxy(' a.example, .corp 10.0.0.1,,')).toEqual(['a.example', '.corp', '10.0.0.1']);
  });

  it.each([
    ['cmp.example.com', 443, ['example.com'], true],
    ['cmp.example.com', 443, ['.example.com'], true],
    ['example.com', 443, ['.example.com'], true],
    ['badexample.com', 443, ['example.com'], false],
    ['cmp.example.com', 443, ['cmp.example.com:8443'], false],
    ['cmp.example.com', 8443, ['cmp.example.com:8443'], true],
    ['10.0.0.1', 80, ['10.0.0.1'], true],
    ['10.0.0.10', 80, ['10.0.0.1'], false],
    ['::1', 80, ['[::1]'], true],
    ['anything', 80, ['*'], true],
    ['CMP.Example.com', 80, ['cmp.example.COM'], true],
  ] as const)('%s:%i with %j bypasses the proxy: %s', (host, port, list, expected) => {
    expect(bypassesProxy(host, port, list)).toBe(expected);
  });
});
