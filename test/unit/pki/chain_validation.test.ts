import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, issueCertificate, parseOpensslName, validateChain } from '../../../src-main/pki';
import { buildTestChain, DAY, NOW, type TestChain } from './chain_fixtures';

let chain: TestChain;
beforeAll(async () => {
  chain = await buildTestChain();
});

describe('validateChain', () => {
  it('accepts leaf -> issuing -> root with the intermediate from extraCerts, path leaf first', () => {
    const result = validateChain(chain.leaf, { trustAnchors: [chain.root], intermediates: [chain.issuing], at: NOW });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.path.map((c) => c.subject)).toEqual([chain.leaf.subject, chain.issuing.subject, chain.root.subject]);
  });

  it('accepts an issuing CA as trust anchor and a pinned certificate', () => {
    expect(validateChain(chain.leaf, { trustAnchors: [chain.issuing], at: NOW }).ok).toBe(true);
    expect(validateChain(chain.leaf, { trustAnchors: [chain.leaf], at: NOW }).ok).toBe(true);
  });

  it('names an untrusted root', async () => {
    const other = await buildTestChain();
    const result = validateChain(chain.leaf, { trustAnchors: [other.root], intermediates: [chain.issuing], at: NOW });
    expect(result).toMatchObject({ ok: false, failure: { reason: 'untrusted_root', subject: chain.issuing.subject, issuer: chain.root.subject } });
    const missing = validateChain(chain.leaf, { trustAnchors: [chain.root], at: NOW });
    expect(missing).toMatchObject({ ok: false, failure: { reason: 'untrusted_root', subject: chain.leaf.subject } });
  });

  it('names expiry and not-yet-valid with the date', () => {
    const late = new Date(chain.leaf.notAfter.getTime() + 1000);
    const expired = validateChain(chain.leaf, { trustAnchors: [chain.root], intermediates: [chain.issuing], at: late });
    expect(expired).toMatchObject({ ok: false, failure: { reason: 'expired', subject: chain.leaf.subject, notAfter: chain.leaf.notAfter } });
    if (!expired.ok) expect(expired.message).toContain(chain.leaf.notAfter.toISOString());
    const early = new Date(chain.issuing.notBefore.getTime() - 1000);
    const notYet = validateChain(chain.leaf, { trustAnchors: [chain.root], intermediates: [chain.issuing], at: early });
    expect(notYet).toMatchObject({ ok: false, failure: { reason: 'not_yet_valid', subject: chain.issuing.subject } });
  });

  it('detects a signature by a different key under the same issuer name', async () => {
    const impostorKey = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const impostor = issueCertificate({
      signer: { selfSigned: true, privateKey: impostorKey.privateKey },
      subject: chain.issuing.subjectName,
      subjectPublicKey: impostorKey.publicKey,
      notBefore: new Date(NOW.getTime() - DAY),
      notAfter: new Date(NOW.getTime() + DAY),
      basicConstraints: { ca: true },
    });
    // Same name, different key; the AKID/SKID check would skip it, so strip the hint by using a leaf without AKID match.
    const forged = issueCertificate({
      signer: { certificate: impostor, privateKey: impostorKey.privateKey },
      subject: parseOpensslName('/CN=forged'),
      subjectPublicKey: chain.leafKey.publicKey,
      notBefore: new Date(NOW.getTime() - DAY),
      notAfter: new Date(NOW.getTime() + DAY),
    });
    const bogusIssuing = { ...chain.issuing, subjectKeyIdentifier: forged.authorityKeyIdentifier };
    const result = validateChain(forged, { trustAnchors: [chain.root], intermediates: [bogusIssuing], at: NOW });
    expect(result).toMatchObject({ ok: false, failure: { reason: 'signature_invalid', subject: 'CN=forged', issuer: chain.issuing.subject } });
  });

  it('refuses an issuer that is not a CA or lacks keyCertSign', async () => {
    const notCa = await buildTestChain({ issuing: { basicConstraints: { ca: false } } });
    expect(validateChain(notCa.leaf, { trustAnchors: [notCa.root], intermediates: [notCa.issuing], at: NOW })).toMatchObject({
      ok: false,
      failure: { reason: 'not_a_ca', subject: notCa.issuing.subject },
    });
    const noCertSign = await buildTestChain({ issuing: { keyUsage: ['digitalSignature', 'crlSign'] } });
    expect(validateChain(noCertSign.leaf, { trustAnchors: [noCertSign.root], intermediates: [noCertSign.issuing], at: NOW })).toMatchObject({
      ok: false,
      failure: { reason: 'ca_key_usage' },
    });
  });

  it('enforces pathLenConstraint', async () => {
    // Root pathlen 1 and issuing pathlen 0: a sub-CA below the issuing CA breaks both; the check runs from the anchor down.
    const subKey = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const sub = issueCertificate({
      signer: { certificate: chain.issuing, privateKey: chain.issuingKey.privateKey },
      subject: parseOpensslName('/CN=Sub CA'),
      subjectPublicKey: subKey.publicKey,
      notBefore: new Date(NOW.getTime() - DAY),
      notAfter: new Date(NOW.getTime() + DAY),
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign'],
    });
    const leaf = issueCertificate({
      signer: { certificate: sub, privateKey: subKey.privateKey },
      subject: parseOpensslName('/CN=deep leaf'),
      subjectPublicKey: chain.leafKey.publicKey,
      notBefore: new Date(NOW.getTime() - DAY),
      notAfter: new Date(NOW.getTime() + DAY),
    });
    expect(validateChain(leaf, { trustAnchors: [chain.root], intermediates: [sub, chain.issuing], at: NOW })).toMatchObject({
      ok: false,
      failure: { reason: 'path_too_long', subject: chain.root.subject, pathLength: 1 },
    });
    expect(validateChain(sub, { trustAnchors: [chain.root], intermediates: [chain.issuing], at: NOW }).ok).toBe(true);
  });

  it('prefers a valid path when an alternative one is broken', async () => {
    const expiredIssuing = { ...chain.issuing, notAfter: new Date(NOW.getTime() - DAY), der: new Uint8Array([...chain.issuing.der, 0]) };
    const result = validateChain(chain.leaf, { trustAnchors: [chain.root], intermediates: [expiredIssuing, chain.issuing], at: NOW });
    expect(result.ok).toBe(true);
  });
});
