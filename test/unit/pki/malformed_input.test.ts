import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  buildCsr,
  exportPkcs7,
  importPrivateKey,
  importTrustAnchors,
  exportPrivateKeyDer,
  parseCertificate,
  parseCsr,
  parsePkcs7Certificates,
  PkiError,
} from '../../../src-main/pki';
import { buildTestChain, type TestChain } from './chain_fixtures';

/** Parsers of untrusted bytes must end in a result or one of our typed errors, whatever the bytes. */
function onlyTypedErrors(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(PkiError);
  }
}

/** Deterministic mutations: flipped bytes, truncations and random tails at many positions. */
function* mutations(der: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < der.length; i += Math.max(1, Math.floor(der.length / 150))) {
    const flipped = new Uint8Array(der);
    flipped[i] ^= 0xff;
    yield flipped;
    yield der.subarray(0, i);
    yield Uint8Array.from([...der.subarray(0, i), ...randomBytes(8)]);
  }
}

let chain: TestChain;
beforeAll(async () => {
  chain = await buildTestChain();
});

describe('malformed input', () => {
  it('certificates, CSRs, PKCS#7 bundles, trust anchor files and keys only ever throw PkiError', () => {
    const csr = buildCsr({ subject: chain.leaf.subjectName, keyPair: chain.leafKey, sans: chain.leaf.sans });
    const bundle = exportPkcs7([chain.root, chain.issuing]);
    const key = exportPrivateKeyDer(chain.leafKey.privateKey);
    let cases = 0;
    for (const bytes of mutations(chain.leaf.der)) {
      onlyTypedErrors(() => parseCertificate(bytes));
      onlyTypedErrors(() => importTrustAnchors(bytes));
      cases++;
    }
    for (const bytes of mutations(csr)) onlyTypedErrors(() => parseCsr(bytes));
    for (const bytes of mutations(bundle)) onlyTypedErrors(() => parsePkcs7Certificates(bytes));
    for (const bytes of mutations(key)) onlyTypedErrors(() => importPrivateKey(bytes));
    expect(cases).toBeGreaterThan(300);
  });
});
