import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotatingFileOptions {
  path: string;
  /** Rotate when the next line would make the file larger than this. */
  maxBytes: number;
  /** Rotated files kept beside the current one: path.1 (newest) … path.N (oldest). */
  keepFiles: number;
}

/**
 * A size-rotated append-only file, like logrotate's `size` + `rotate N` without the daemon:
 * `service.log` is current, `service.log.1` the previous, up to `service.log.N`; older are dropped.
 * Appends are synchronous so a line written just before a crash is on disk.
 */
export class RotatingFile {
  private size: number | undefined;

  constructor(private readonly options: RotatingFileOptions) {
    if (!(options.maxBytes > 0)) throw new RangeError('maxBytes must be positive');
    if (!Number.isInteger(options.keepFiles) || options.keepFiles < 0) throw new RangeError('keepFiles must be a whole number >= 0');
  }

  get path(): string {
    return this.options.path;
  }

  append(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.size === undefined) this.size = currentSize(this.options.path);
    if (this.size > 0 && this.size + bytes > this.options.maxBytes) this.rotate();
    appendFileSync(this.options.path, line);
    this.size += bytes;
  }

  private rotate(): void {
    const { path, keepFiles } = this.options;
    if (keepFiles === 0) {
      rmSync(path, { force: true });
    } else {
      rmSync(`${path}.${keepFiles}`, { force: true });
      for (let n = keepFiles - 1; n >= 1; n--) renameIfPresent(`${path}.${n}`, `${path}.${n + 1}`);
      renameIfPresent(path, `${path}.1`);
    }
    this.size = 0;
  }
}

function currentSize(path: string): number {
  mkdirSync(dirname(path), { recursive: true });
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
