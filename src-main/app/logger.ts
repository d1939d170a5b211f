import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventHub, LogEntry, LogLevel } from '../../src-shared/ipc/index';

/** The log file's name inside the logs folder: one JSON object per line. */
export const logFileName = 'cmp-desk.log';

/**
 * Writes log lines to the logs folder and pushes them to connected renderers (the app.log event).
 * Writes are synchronous so a crash right after a line still leaves it on disk.
 */
export class AppLogger {
  private folderReady = false;

  constructor(
    private readonly logsDir: string,
    private readonly events: EventHub,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get filePath(): string {
    return join(this.logsDir, logFileName);
  }

  debug(source: string, message: string): void { this.write('debug', source, message); }
  info(source: string, message: string): void { this.write('info', source, message); }
  warn(source: string, message: string): void { this.write('warn', source, message); }
  error(source: string, message: string): void { this.write('error', source, message); }

  private write(level: LogLevel, source: string, message: string): void {
    const entry: LogEntry = { at: this.now().toISOString(), level, source: source.slice(0, 100), message: message.slice(0, 10_000) };
    try {
      if (!this.folderReady) {
        mkdirSync(this.logsDir, { recursive: true });
        this.folderReady = true;
      }
      appendFileSync(this.filePath, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      // The log must never take the app down; say it once on stderr and keep pushing to the UI.
      process.stderr.write(`cmp-desk: cannot write ${this.filePath}: ${(error as Error).message}\n`);
    }
    this.events.emit('app.log', entry);
  }
}
