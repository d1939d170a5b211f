import { chmod, rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes through a temporary file and a rename, so a reader never sees half a file, and sets the
 * mode explicitly because writeFile's mode is filtered by the umask.
 */
export async function writeOutputFile(file: string, content: string | Uint8Array, mode: number): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content, { mode });
    await chmod(temporary, mode);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
}
