import type { EnrollmentOutcome, Enroller } from '../../lifecycle';

/**
 * Wraps the engine's Enroller to count finished CMP transactions by type and outcome for
 * /metrics, and to know how many exchanges are in flight (the graceful stop waits for them).
 */
export class EnrollmentCounter implements Enroller {
  private readonly counts = new Map<string, number>();
  private running = 0;
  inner: Enroller | undefined;

  get inFlight(): number {
    return this.running;
  }

  async enroll(job: Parameters<Enroller['enroll']>[0]): Promise<EnrollmentOutcome> {
    if (!this.inner) throw new Error('the enroller is not ready yet');
    this.running++;
    try {
      const outcome = await this.inner.enroll(job);
      this.count(job.type, outcome.status);
      return outcome;
    } catch (error) {
      this.count(job.type, 'error');
      throw error;
    } finally {
      this.running--;
    }
  }

  transactions(): { type: string; outcome: string; count: number }[] {
    return [...this.counts].map(([key, count]) => {
      const [type, outcome] = key.split(' ');
      return { type, outcome, count };
    });
  }

  private count(type: string, outcome: string): void {
    const key = `${type} ${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}
