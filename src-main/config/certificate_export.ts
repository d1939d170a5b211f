import { createPrivateKey } from 'node:crypto';
import type { Certificate, CertificateRecord } from '../../src-shared/domain';
import { exportPkcs12, parseCertificateDer, toPem } from '../pki';
import type { DataKey } from '../secrets';
import type { Store } from '../store';

export type CertificateExportFormat = 'pem' | 'der' | 'p12';

export interface CertificateExportRequest {
  /** The certificate record, by name or id. */
  record: string;
  format: CertificateExportFormat;
  /** Add the issuer chain (PEM and PKCS#12; DER holds one certificate only). */
  chain: boolean;
  /** PKCS#12 with 3DES and a SHA-1 MAC, for devices that predate PBES2. */
  legacy: boolean;
  /** Required for PKCS#12, which is the one way a private key leaves cmp-desk. */
  passphrase?: string;
}

export interface CertificateExport {
  bytes: Uint8Array;
  /** 0600 for a file with a private key, 0644 for certificates only. */
  fileMode: number;
  certificate: Certificate;
}

/** The export cannot be made as asked: which record, what is missing. */
export class CertificateExportError extends Error {
  readonly name = 'CertificateExportError';
}

/**
 * Exports a record's current certificate. For PKCS#12 the private key is decrypted with the data
 * key only for building the file, and its plaintext buffer is zeroed right after.
 */
export async function exportCertificate(store: Store, dataKey: () => Promise<DataKey>, request: CertificateExportRequest): Promise<CertificateExport> {
  const record = findRecord(store, request.record);
  const certificate = store.certificates.current(record.id);
  if (certificate === null) throw new CertificateExportError(`Certificate record "${record.name}" has no certificate to export`);
  const leaf = Buffer.from(certificate.certificateDer, 'base64');
  const chain = request.chain ? certificate.chainDer.map((der) => Buffer.from(der, 'base64')) : [];
  if (request.format === 'pem') {
    return { bytes: Buffer.from([leaf, ...chain].map((der) => toPem(der, 'CERTIFICATE')).join(''), 'utf8'), fileMode: 0o644, certificate };
  }
  if (request.format === 'der') {
    if (request.chain) throw new CertificateExportError('A DER file holds one certificate; export the chain as PEM or PKCS#12');
    return { bytes: leaf, fileMode: 0o644, certificate };
  }
  if (!request.passphrase) throw new CertificateExportError('A PKCS#12 export needs a passphrase');
  if (certificate.privateKeyId === null) throw new CertificateExportError(`cmp-desk does not hold the private key of certificate record "${record.name}"; export it as PEM or DER`);
  const stored = store.privateKeys.get(certificate.privateKeyId);
  if (stored === null) throw new CertificateExportError(`The private key of certificate record "${record.name}" is missing from the data folder`);
  const pkcs8 = (await dataKey()).decryptPrivateKey(stored, { keyId: stored.id });
  try {
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const bytes = exportPkcs12(
      { certificate: parseCertificateDer(leaf), privateKey, chain: chain.map((der) => parseCertificateDer(der)) },
      { passphrase: request.passphrase, legacy: request.legacy, friendlyName: record.name },
    );
    return { bytes, fileMode: 0o600, certificate };
  } finally {
    pkcs8.fill(0);
  }
}

function findRecord(store: Store, nameOrId: string): CertificateRecord {
  const record = store.certificateRecords.list().find((r) => r.name === nameOrId || r.id === nameOrId);
  if (record === undefined) throw new CertificateExportError(`No certificate record named "${nameOrId}"`);
  return record;
}
