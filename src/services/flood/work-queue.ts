/** What a full queue answers instead of running the task. */
export const QUEUE_FULL = Symbol('queue full');

/**
 * At most `concurrency` tasks at a time, at most `maxWaiting` more waiting; a task beyond that is
 * not run at all. Argon2 checks go through one (sign-in-guard.ts): a sign-in flood then costs a
 * bounded share of the thread pool, and what it cannot take is answered at once instead of queueing
 * without end behind work nobody will wait for.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most tasks ever run at once, for the tests that prove the bound. */
  peak = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T | typeof QUEUE_FULL> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) return QUEUE_FULL;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    this.peak = Math.max(this.peak, this.running);
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
