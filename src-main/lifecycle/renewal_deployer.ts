import type { CertificateRecord } from '../../src-shared/domain';
import { exportPrivateKeyPem, toPem } from '../pki';
import type { Store } from '../store';
import { defaultDeployFolder, deployCertificate } from './deploy_hooks';
import type { KeyVault } from './key_vault';

/** Deploys a record's new certificate after it was put into use; returns the problems, never throws. */
export interface RenewalDeployer {
  deploy(record: CertificateRecord, certificateId: string): Promise<string[]>;
}

/** A record deploys when it names a folder (files only, or files and commands) or has a command. */
export function wantsDeployment(record: CertificateRecord): boolean {
  return record.deployFolder !== undefined || record.deployHooks.length > 0;
}

/**
 * Writes the files into the record's deploy folder, or `deployRoot`/<record> when it names none,
 * and runs the record's deploy hooks (see deploy_hooks.ts).
 */
export class FolderDeployer implements RenewalDeployer {
  constructor(
    private readonly store: Store,
    private readonly vault: KeyVault,
    private readonly deployRoot: string,
  ) {}

  async deploy(record: CertificateRecord, certificateId: string): Promise<string[]> {
    try {
      const certificate = this.store.certificates.get(certificateId)!;
      const key = this.vault.load(certificate.privateKeyId!, `record ${record.name}`);
      const { problems } = await deployCertificate({
        folder: record.deployFolder ?? defaultDeployFolder(this.deployRoot, record.name),
        folderOwner: record.deployFolder === undefined ? 'data-folder' : 'administrator',
        recordName: record.name,
        certificatePem: toPem(Buffer.from(certificate.certificateDer, 'base64'), 'CERTIFICATE'),
        privateKeyPem: exportPrivateKeyPem(key.privateKey),
        chainPem: certificate.chainDer.map((der) => toPem(Buffer.from(der, 'base64'), 'CERTIFICATE')).join(''),
        hooks: record.deployHooks,
      });
      return problems.map((p) => `${p.step}: ${p.message}`);
    } catch (error) {
      return [`preparing the files: ${(error as Error).message}`];
    }
  }
}
