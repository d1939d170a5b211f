import { readdirSync } from 'node:fs';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { Certificate } from '@peculiar/asn1-x509';
import { checkDerShape, DEFAULT_DER_LIMITS } from '../../../../src-main/cmp/asn1/der_limits';
import { PKIMessage } from '../../../../src-main/cmp/asn1/pki_message';
import { parsePemBundle } from '../../../../src-main/pki';
import { randomMutation } from '../../fuzz/der_mutator';
import { seededRandom } from '../../fuzz/prng';
import { vector, vectorPki, VECTORS } from '../../cmp/vectors';

export type Decodable = new () => object;

/** Every OpenSSL-captured message, every certificate of the vectors' PKI, and the CSR: what the decoder meets in practice. */
export const samples: { name: string; bytes: Uint8Array; type: Decodable }[] = [
  ...readdirSync(VECTORS).filter((file) => file.endsWith('.der')).map((file) => ({ name: file, bytes: vector(file), type: PKIMessage })),
  ...['root.crt', 'server.crt', 'client.crt', 'enrolled.crt'].flatMap((file) =>
    parsePemBundle(vectorPki(file)).map((certificate, index) => ({ name: `${file}#${index}`, bytes: certificate.der, type: Certificate })),
  ),
  { name: 'enrolled.csr.der', bytes: vector('pki/enrolled.csr.der'), type: CertificationRequest },
];

/** Seeded mutations of the captured messages that still have a sound TLV shape (what decodeDer lets through to a decoder). */
export function* shapedMutations(seed: number, count: number): Generator<{ label: string; bytes: Uint8Array }> {
  const random = seededRandom(seed);
  const messages = samples.filter((sample) => sample.type === PKIMessage);
  for (let i = 0; i < count; i++) {
    const original = random.pick(messages);
    const { kind, bytes } = randomMutation(original.bytes, random);
    try {
      checkDerShape(bytes, 'PKIMessage', DEFAULT_DER_LIMITS);
    } catch {
      continue;
    }
    yield { label: `${original.name} ${kind} #${i}`, bytes };
  }
}
