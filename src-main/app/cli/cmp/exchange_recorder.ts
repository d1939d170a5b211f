import { writeFile } from 'node:fs/promises';
import type { CmpSendOptions, CmpTransport } from '../../../cmp/transport';
import { formatSummary, summarizeMessage } from './exchange_summary';

export interface ExchangeRecorderOptions {
  /** Called with each `--verbose` line as it happens (requests before they leave, so a timeout still shows them). */
  onLine?: (line: string) => void;
  /** `--reqout`/`--rspout`: the n-th request/response is written to the n-th file, as `openssl cmp` does. */
  requestFiles?: readonly string[];
  responseFiles?: readonly string[];
}

/**
 * A transport in front of the real one that watches the exchange: prints each message for
 * `--verbose` and keeps copies for `--reqout`/`--rspout`. It never changes what is sent.
 */
export class ExchangeRecorder implements CmpTransport {
  private requests = 0;
  /** Every response received so far, in order, as it came (for --extracertsout). */
  readonly responses: Uint8Array[] = [];
  private readonly writes: Promise<void>[] = [];

  constructor(
    private readonly inner: CmpTransport,
    private readonly options: ExchangeRecorderOptions,
  ) {}

  async send(request: Uint8Array, options?: CmpSendOptions): Promise<Uint8Array> {
    this.keep(request, this.options.requestFiles, this.requests++);
    if (this.options.onLine) this.options.onLine(formatSummary(summarizeMessage('sent', request)));
    const response = await this.inner.send(request, options);
    this.keep(response, this.options.responseFiles, this.responses.length);
    this.responses.push(response);
    if (this.options.onLine) this.options.onLine(formatSummary(summarizeMessage('received', response)));
    return response;
  }

  close(): void {
    this.inner.close();
  }

  /** Resolves when every --reqout/--rspout file is written; rejects with the first write error. */
  async flush(): Promise<void> {
    await Promise.all(this.writes);
  }

  private keep(der: Uint8Array, files: readonly string[] | undefined, index: number): void {
    const file = files?.[index];
    if (file) this.writes.push(writeFile(file, der));
  }
}
