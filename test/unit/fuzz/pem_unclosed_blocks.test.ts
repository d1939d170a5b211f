import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { importTrustAnchors, parsePemBundle } from '../../../src-main/pki';
import { readPemBlocks } from '../../../src-main/pki/pem';
import { vectorPki } from '../cmp/vectors';

/** Regression of a fuzz finding: unclosed BEGIN lines made PEM reading quadratic in the file size. */
describe('PEM files with many unclosed BEGIN lines', () => {
  const root = vectorPki('root.crt');
  const flood = '-----BEGIN CERTIFICATE-----\nAAAA\n'.repeat(100_000);

  it('are read in linear time (3.4 MB: well under a second, was minutes)', () => {
    const started = performance.now();
    expect(() => importTrustAnchors(`${root}${flood}`)).not.toThrow();
    expect(parsePemBundle(flood)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('still pair every BEGIN with the first END after it, as before', () => {
    const results = readPemBlocks(`junk\n${root}-----BEGIN A-----\nAAAA\n-----BEGIN B-----\nAAAA\n-----END B-----\n-----BEGIN C-----\n`);
    expect(results.map((r) => [r.label, r.ok])).toEqual([['CERTIFICATE', true], ['A', false]]);
    expect(results[1]).toMatchObject({ reason: 'BEGIN A is closed by END B' });
  });
});
