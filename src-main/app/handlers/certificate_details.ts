import { createHash } from 'node:crypto';
import type { CertificateDetails } from '../../../src-shared/ipc';
import { colonHex, isSelfIssued, keyLabel, type ParsedCertificate } from '../../pki';

/** Names of the extensions an administrator meets; anything else is shown by OID. */
const extensionNames: Record<string, string> = {
  '2.5.29.19': 'Basic constraints',
  '2.5.29.15': 'Key usage',
  '2.5.29.37': 'Extended key usage',
  '2.5.29.17': 'Subject alternative name',
  '2.5.29.14': 'Subject key identifier',
  '2.5.29.35': 'Authority key identifier',
  '2.5.29.31': 'CRL distribution points',
  '2.5.29.32': 'Certificate policies',
  '1.3.6.1.5.5.7.1.1': 'Authority information access',
};

const ekuNames: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'ocspSigning',
  '1.3.6.1.5.5.7.3.17': 'ipsecIke',
};

const signatureNames: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
};

function sanStrings(certificate: ParsedCertificate): string[] {
  const { dns, ip, uri, email } = certificate.sans;
  return [...dns.map((v) => `DNS:${v}`), ...ip.map((v) => `IP:${v}`), ...uri.map((v) => `URI:${v}`), ...email.map((v) => `email:${v}`)];
}

function extensionValue(certificate: ParsedCertificate, oid: string): string {
  switch (oid) {
    case '2.5.29.19':
      return certificate.basicConstraints?.ca ? `CA${certificate.basicConstraints.pathLength === undefined ? '' : `, path length ${certificate.basicConstraints.pathLength}`}` : 'not a CA';
    case '2.5.29.15':
      return (certificate.keyUsage ?? []).join(', ');
    case '2.5.29.37':
      return (certificate.extKeyUsage ?? []).map((o) => ekuNames[o] ?? o).join(', ');
    case '2.5.29.17':
      return sanStrings(certificate).join(', ');
    case '2.5.29.14':
      return certificate.subjectKeyIdentifier ? colonHex(certificate.subjectKeyIdentifier) : '';
    case '2.5.29.35':
      return certificate.authorityKeyIdentifier ? colonHex(certificate.authorityKeyIdentifier) : '';
    default: {
      const extension = certificate.asn.tbsCertificate.extensions?.find((e) => e.extnID === oid);
      const bytes = extension ? new Uint8Array(extension.extnValue.buffer) : new Uint8Array();
      return `${bytes.length} bytes: ${Buffer.from(bytes.subarray(0, 64)).toString('hex')}${bytes.length > 64 ? '…' : ''}`;
    }
  }
}

/** Every field the detail view and the trust import show, decoded from a parsed certificate. */
export function certificateDetails(certificate: ParsedCertificate): CertificateDetails {
  const extensions = (certificate.asn.tbsCertificate.extensions ?? []).map((e) => ({
    oid: e.extnID,
    name: extensionNames[e.extnID] ?? e.extnID,
    critical: e.critical,
    value: extensionValue(certificate, e.extnID),
  }));
  const algorithm = certificate.signatureAlgorithm.algorithm;
  return {
    subject: certificate.subject,
    issuer: certificate.issuer,
    serialNumber: certificate.serialHex.toLowerCase(),
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    subjectAltNames: sanStrings(certificate),
    publicKey: keyLabel(certificate.publicKey),
    signatureAlgorithm: signatureNames[algorithm] ?? algorithm,
    keyUsage: certificate.keyUsage ?? [],
    extendedKeyUsage: (certificate.extKeyUsage ?? []).map((o) => ekuNames[o] ?? o),
    isCa: certificate.basicConstraints?.ca === true,
    selfSigned: isSelfIssued(certificate),
    extensions,
    sha256Fingerprint: certificate.sha256Fingerprint,
    sha1Fingerprint: colonHex(createHash('sha1').update(certificate.der).digest()),
  };
}
