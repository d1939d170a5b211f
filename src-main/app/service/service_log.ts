import { join } from 'node:path';
import type { LogEntry, LogLevel } from '../../../src-shared/ipc/index';
import { RotatingFile } from './rotating_file';

/** The headless service's log file inside the logs folder; rotated copies get .1 … .N. */
export const serviceLogFileName = 'service.log';

export interface ServiceLogOptions {
  logsDir: string;
  /** Default 10 MiB per file. */
  maxBytes?: number;
  /** Default 5 rotated files. */
  keepFiles?: number;
  /** Where each JSON line also goes (stdout for journald/containers); omit to write only the file. */
  stream?: { write(text: string): unknown };
  /** Lines below this level are dropped; default info. */
  minLevel?: LogLevel;
  now?: () => Date;
}

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Extra structured fields on one line (record id, transaction id, duration…). */
export type LogFields = Record<string, string | number | boolean | null>;

/**
 * Structured logging for the service: one JSON object per line (`at`, `level`, `source`,
 * `message`, then any fields), the same line to stdout and to a size-rotated file, so
 * `journalctl --user -u cmp-desk` and the logs folder show the same thing.
 */
export class ServiceLog {
  private readonly file: RotatingFile;
  private readonly minRank: number;
  private fileBroken = false;

  constructor(private readonly options: ServiceLogOptions) {
    this.file = new RotatingFile({
      path: join(options.logsDir, serviceLogFileName),
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      keepFiles: options.keepFiles ?? 5,
    });
    this.minRank = levelRank[options.minLevel ?? 'info'];
  }

  get filePath(): string {
    return this.file.path;
  }

  debug(source: string, message: string, fields?: LogFields): void { this.write('debug', source, message, fields); }
  info(source: string, message: string, fields?: LogFields): void { this.write('info', source, message, fields); }
  warn(source: string, message: string, fields?: LogFields): void { this.write('warn', source, message, fields); }
  error(source: string, message: string, fields?: LogFields): void { this.write('error', source, message, fields); }

  /** Writes an entry another logger produced (the app logger's app.log events). */
  entry(entry: LogEntry): void {
    if (levelRank[entry.level] < this.minRank) return;
    this.emit(`${JSON.stringify(entry)}\n`);
  }

  private write(level: LogLevel, source: string, message: string, fields?: LogFields): void {
    if (levelRank[level] < this.minRank) return;
    const at = (this.options.now?.() ?? new Date()).toISOString();
    const line: Record<string, unknown> = { at, level, source: source.slice(0, 100), message: message.slice(0, 10_000) };
    // Fields come after the four fixed keys and never replace them.
    for (const [key, value] of Object.entries(fields ?? {})) if (!(key in line)) line[key] = value;
    this.emit(`${JSON.stringify(line)}\n`);
  }

  private emit(line: string): void {
    this.options.stream?.write(line);
    if (this.fileBroken) return;
    try {
      this.file.append(line);
    } catch (error) {
      // The service keeps running without its file; stdout (journald) still has every line.
      this.fileBroken = true;
      this.options.stream?.write(`${JSON.stringify({ at: new Date().toISOString(), level: 'error', source: 'service', message: `cannot write ${this.file.path}: ${(error as Error).message}; logging to stdout only` })}\n`);
    }
  }
}
