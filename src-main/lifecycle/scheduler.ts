import type { LifecycleEngine, TickReport } from './lifecycle_engine';

/** The timer the scheduler waits with; tests substitute one they advance themselves. */
export interface TickTimer {
  schedule(ms: number, fire: () => void): { cancel(): void };
}

export const realTimer: TickTimer = {
  schedule(ms, fire) {
    const handle = setTimeout(fire, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};

/**
 * Runs the processing tick every GlobalConfig interval (reference/000: every 5 minutes). The
 * interval is read again after each tick, so a settings change applies from the next one. Before
 * a tick the journal is pruned when that is due (the first tick, then daily).
 */
export class LifecycleScheduler {
  private pending: { cancel(): void } | null = null;
  private stopped = true;

  constructor(
    private readonly engine: LifecycleEngine,
    private readonly timer: TickTimer = realTimer,
    private readonly onTick: (report: TickReport) => void = () => undefined,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.fire();
  }

  stop(): void {
    this.stopped = true;
    this.pending?.cancel();
    this.pending = null;
  }

  /** One tick, waiting for the work it started. */
  async runOnce(): Promise<TickReport> {
    this.engine.pruneJournalIfDue();
    const report = this.engine.tick();
    await this.engine.idle();
    return report;
  }

  /** Ticks until a tick finds nothing to do (batched KURs and held certificates wait for their window). */
  async runUntilIdle(maxTicks = 1000): Promise<TickReport[]> {
    const reports: TickReport[] = [];
    for (let i = 0; i < maxTicks; i++) {
      const report = await this.runOnce();
      reports.push(report);
      if (report.started === 0) break;
    }
    return reports;
  }

  private fire(): void {
    if (this.stopped) return;
    this.engine.pruneJournalIfDue();
    this.onTick(this.engine.tick());
    const intervalMs = this.engine.settings().processingIntervalMinutes * 60_000;
    this.pending = this.timer.schedule(intervalMs, () => this.fire());
  }
}
