import { chmod, rename, rm, writeFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { exportPrivateKeyPem, toPem, type ParsedCertificate } from '../../../pki';

/** A file we were asked to write could not be written: which option, which file, why. */
export class OutputFileError extends Error {
  override readonly name = 'OutputFileError';
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
async function writeAtomically(file: string, content: string, mode: number, option: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content, { mode });
    // writeFile's mode is filtered by the umask; key files must end up 0600 whatever it is.
    await chmod(temporary, mode);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new OutputFileError(`${option} ${file}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
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
