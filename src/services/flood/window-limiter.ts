/** What a limiter answers: allowed, or not before so many seconds. */
export type Allowance = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Window {
  start: number;
  count: number;
}

/**
 * At most `limit` uses per key in each window of `windowMs`, counted in memory (fixed windows). The
 * map is bounded: past `maxKeys` it first drops windows that have ended, then the oldest keys, so a
 * flood of new keys costs memory it cannot grow without bound (it can only reset other keys' counts
 * early, which errs on the side of the honest).
 */
export class WindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly options: { limit: number; windowMs: number; maxKeys?: number },
    private readonly now: () => number,
  ) {}

  /** Counts one use for `key` if it is allowed; a refused use is not counted. */
  take(key: string): Allowance {
    const at = this.now();
    const window = this.windows.get(key);
    if (window && at - window.start < this.options.windowMs) {
      if (window.count >= this.options.limit) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.options.windowMs - at) / 1000)) };
      }
      window.count++;
      return { ok: true, remaining: this.options.limit - window.count };
    }
    this.windows.delete(key);
    this.makeRoom(at);
    this.windows.set(key, { start: at, count: 1 });
    return { ok: true, remaining: this.options.limit - 1 };
  }

  /** Gives back a use taken for `key`: what it was counted for did not happen after all. */
  giveBack(key: string): void {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count--;
  }

  private makeRoom(at: number): void {
    const maxKeys = this.options.maxKeys ?? 100_000;
    if (this.windows.size < maxKeys) return;
    for (const [key, window] of this.windows) if (at - window.start >= this.options.windowMs) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size < maxKeys) break;
      this.windows.delete(key);
    }
  }
}
