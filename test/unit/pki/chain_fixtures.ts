import {
  generateKeyPair,
  issueCertificate,
  parseOpensslName,
  type CertificateTemplate,
  type KeyPair,
  type ParsedCertificate,
} from '../../../src-main/pki';

/** A root -> issuing CA -> leaf chain built with our own builder, the shape the lab CA issues. */
export interface TestChain {
  rootKey: KeyPair;
  root: ParsedCertificate;
  issuingKey: KeyPair;
  issuing: ParsedCertificate;
  leafKey: KeyPair;
  leaf: ParsedCertificate;
}

export const DAY = 86_400_000;
export const NOW = new Date('2030-06-01T12:00:00Z');

export async function buildTestChain(overrides: { issuing?: Partial<CertificateTemplate>; leaf?: Partial<CertificateTemplate> } = {}): Promise<TestChain> {
  const rootKey = await generateKeyPair({ kind: 'ec', curve: 'P-384' });
  const issuingKey = await generateKeyPair({ kind: 'rsa', bits: 2048 });
  const leafKey = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
  const root = issueCertificate({
    signer: { selfSigned: true, privateKey: rootKey.privateKey },
    subject: parseOpensslName('/C=DE/O=Lab/CN=Lab Root'),
    subjectPublicKey: rootKey.publicKey,
    notBefore: new Date(NOW.getTime() - 10 * DAY),
    notAfter: new Date(NOW.getTime() + 3650 * DAY),
    basicConstraints: { ca: true, pathLength: 1 },
    keyUsage: ['keyCertSign', 'crlSign'],
  });
  const issuing = issueCertificate({
    signer: { certificate: root, privateKey: rootKey.privateKey },
    subject: parseOpensslName('/C=DE/O=Lab/CN=Lab Issuing CA'),
    subjectPublicKey: issuingKey.publicKey,
    notBefore: new Date(NOW.getTime() - 5 * DAY),
    notAfter: new Date(NOW.getTime() + 1000 * DAY),
    basicConstraints: { ca: true, pathLength: 0 },
    keyUsage: ['keyCertSign', 'crlSign'],
    crlDistributionPoints: ['http://crl.lab.example/issuing.crl'],
    ...overrides.issuing,
  });
  const leaf = issueCertificate({
    signer: { certificate: issuing, privateKey: issuingKey.privateKey },
    subject: parseOpensslName('/O=Lab/CN=sip.lab.example'),
    subjectPublicKey: leafKey.publicKey,
    notBefore: new Date(NOW.getTime() - DAY),
    notAfter: new Date(NOW.getTime() + 90 * DAY),
    basicConstraints: { ca: false },
    keyUsage: ['digitalSignature', 'keyAgreement'],
    extendedKeyUsage: ['serverAuth', 'clientAuth', 'sipDomain'],
    sans: { dns: ['sip.lab.example'], ip: ['192.0.2.7'], uri: ['sip:lab.example'], email: [] },
    ...overrides.leaf,
  });
  return { rootKey, root, issuingKey, issuing, leafKey, leaf };
}
