import type { KeyObject } from 'node:crypto';
import { exportPrivateKeyPem, toPem, type ParsedCertificate } from '../../../pki';
import { writeOutputFile } from '../commands/output_file';

/** A file we were asked to write could not be written: which option, which file, why. */
export class OutputFileError extends Error {
  override readonly name = 'OutputFileError';
}

/** Writes atomically (see writeOutputFile), naming the option whose file could not be written. */
async function writeAtomically(file: string, content: string, mode: number, option: string): Promise<void> {
  try {
    await writeOutputFile(file, content, mode);
  } catch (error) {
    const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
    throw new OutputFileError(`${option} ${file}: cannot write the file (${cause?.code ?? cause?.message ?? (error as Error).message})`, { cause });
  }
}

export function certificatesPem(certificates: readonly ParsedCertificate[]): string {
  return certificates.map((cert) => toPem(cert.der, 'CERTIFICATE')).join('');
}

/** PEM certificates, readable by everyone like any certificate file. */
export function writeCertificates(option: string, file: string, certificates: readonly ParsedCertificate[]): Promise<void> {
  return writeAtomically(file, certificatesPem(certificates), 0o644, option);
}

/** An unencrypted PKCS#8 private key, readable by its owner only (mode 0600). */
export function writePrivateKey(option: string, file: string, privateKey: KeyObject): Promise<void> {
  return writeAtomically(file, exportPrivateKeyPem(privateKey), 0o600, option);
}
