import { describe, expect, it } from 'vitest';
import {
  exportPkcs7, exportPkcs7Pem, importPrivateKey, importTrustAnchors, parseCertificate, parseCsr, parsePemBundle, parsePkcs7Certificates, PkiError,
} from '../../../src-main/pki';
import { vector, vectorPki } from '../cmp/vectors';
import { randomMutation } from './der_mutator';
import { fuzz, keptCrashers, type FuzzTarget } from './fuzz_harness';
import { writeFuzzReport } from './fuzz_report';
import { mutatePem, PEM_MUTATION_KINDS } from './pem_mutator';
import { FUZZ_SEED, seededRandom, SOAK } from './prng';

/** The importers of hostile files: certificates, PEM bundles, PKCS#7, trust anchors, CSRs, private keys. */
const CASES_PER_TARGET = SOAK ? 16_000 : 800;

const certificatesPem = ['root.crt', 'server.crt', 'client.crt', 'enrolled.crt'].map(vectorPki);
const certificates = certificatesPem.map((pem) => parseCertificate(pem));
const keysPem = ['enrolled.key', 'client.key', 'server.key'].map(vectorPki);

/** An input as a file would hold it: DER bytes or PEM text. */
type FileInput = { pem: boolean; bytes: Uint8Array };
const asInput = ({ pem, bytes }: FileInput): string | Uint8Array => (pem ? Buffer.from(bytes).toString('latin1') : bytes);

function target(name: string, parse: (input: string | Uint8Array) => unknown): FuzzTarget<FileInput> {
  return {
    name,
    run: (input) => parse(asInput(input)),
    isTyped: (error) => error instanceof PkiError,
    serialize: ({ pem, bytes }) => Uint8Array.from([pem ? 1 : 0, ...bytes]),
    deserialize: (bytes) => ({ pem: bytes[0] === 1, bytes: bytes.subarray(1) }),
  };
}

interface Importer {
  target: FuzzTarget<FileInput>;
  derSeeds: Uint8Array[];
  pemSeeds: string[];
}

const importers: Importer[] = [
  { target: target('certificate-import', (input) => parseCertificate(input)), derSeeds: certificates.map((c) => c.der), pemSeeds: certificatesPem },
  { target: target('pem-bundle-import', (input) => parsePemBundle(typeof input === 'string' ? input : Buffer.from(input).toString('latin1'))), derSeeds: [], pemSeeds: [certificatesPem.join(''), certificatesPem[0]] },
  { target: target('pkcs7-import', parsePkcs7Certificates), derSeeds: [exportPkcs7(certificates), exportPkcs7(certificates.slice(0, 1))], pemSeeds: [exportPkcs7Pem(certificates)] },
  { target: target('trust-anchor-import', (input) => importTrustAnchors(input)), derSeeds: [certificates[0].der, exportPkcs7(certificates.slice(0, 1))], pemSeeds: [certificatesPem[0], exportPkcs7Pem(certificates.slice(0, 1))] },
  { target: target('csr-import', parseCsr), derSeeds: [vector('pki/enrolled.csr.der')], pemSeeds: [] },
  { target: target('private-key-import', (input) => importPrivateKey(input)), derSeeds: [], pemSeeds: keysPem },
];

function* casesOf(importer: Importer, seed: number) {
  const random = seededRandom(seed);
  const derSeeds = [...importer.derSeeds, ...importer.pemSeeds.map((pem) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')))];
  for (let i = 0; i < CASES_PER_TARGET; i++) {
    if (importer.pemSeeds.length && random.chance(0.5)) {
      const kind = random.pick(PEM_MUTATION_KINDS);
      const text = mutatePem(random.pick(importer.pemSeeds), kind, random);
      yield { input: { pem: true, bytes: new Uint8Array(Buffer.from(text, 'latin1')) }, label: `case ${i} pem ${kind}` };
    } else {
      const { kind, bytes } = randomMutation(random.pick(derSeeds), random);
      yield { input: { pem: false, bytes }, label: `case ${i} der ${kind}` };
    }
  }
}

describe(`fuzz: certificate, PEM, PKCS#7, trust anchor, CSR and key importers (${CASES_PER_TARGET * importers.length} cases, seed ${FUZZ_SEED})`, () => {
  it('the unmutated seeds import', () => {
    for (const importer of importers) {
      for (const der of importer.derSeeds) importer.target.run({ pem: false, bytes: der });
      for (const pem of importer.pemSeeds) importer.target.run({ pem: true, bytes: new Uint8Array(Buffer.from(pem, 'latin1')) });
    }
    expect(importTrustAnchors(certificatesPem[0])).toHaveLength(1);
  });

  it('kept crashers still end in a PkiError or an import', () => {
    expect(importers.flatMap((importer) => fuzz(importer.target, keptCrashers(importer.target)).crashers)).toEqual([]);
  });

  it('mutations end in a PkiError or an import, within the time bound', { timeout: SOAK ? 3_600_000 : 120_000 }, () => {
    const stats = importers.map((importer, index) => fuzz(importer.target, casesOf(importer, FUZZ_SEED + 100 + index)));
    process.stdout.write(writeFuzzReport('importers', stats));
    expect(stats.flatMap((s) => s.crashers)).toEqual([]);
    expect(stats.every((s) => s.cases === CASES_PER_TARGET && s.typedErrors > 0)).toBe(true);
  });
});
