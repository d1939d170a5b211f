import { readdirSync } from 'node:fs';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { Certificate } from '@peculiar/asn1-x509';
import { PKIMessage } from '../../../../src-main/cmp/asn1/pki_message';
import { parsePemBundle } from '../../../../src-main/pki';
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
