/** The share of a value's lifetime after which asking for it starts the next read. */
const REREAD_AFTER_SHARE = 0.75;

/**
 * A value read from the database at most about once per `maxAgeMs`, and never
 * served more than `maxAgeMs` after the read that produced it began.
 *
 * Asked for in the last quarter of its life, it starts the next read in the
 * background and goes on serving the value it has, so a value in steady demand
 * (the counter, the home page's lists, the public pages' version) is read
 * again before it expires: no request waits for it, and none is sent the long
 * way because it is missing. However many ask at once, one read runs at a time.
 */
export class FreshValue<T> {
  readonly #read: () => Promise<T>;
  readonly #maxAgeMs: number;
  readonly #refreshAfterMs: number;
  readonly #clock: () => number;
  #kept: { value: T; readAt: number } | undefined;
  #reading: Promise<T> | undefined;
  /** Bumped by clear(), so a read begun before a change does not put its value back. */
  #generation = 0;

  constructor(read: () => Promise<T>, maxAgeMs: number, clock: () => number = Date.now) {
    this.#read = read;
    this.#maxAgeMs = maxAgeMs;
    this.#refreshAfterMs = maxAgeMs * REREAD_AFTER_SHARE;
    this.#clock = clock;
  }

  /** The value without waiting, or undefined when it must be read first. */
  current(): T | undefined {
    const kept = this.#kept;
    if (!kept) return undefined;
    const age = this.#clock() - kept.readAt;
    if (age >= this.#maxAgeMs) return undefined;
    // A background read that fails is not lost: once the value expires, the next get() reads in its caller's path and reports the error.
    if (age >= this.#refreshAfterMs && !this.#reading) this.#refresh().catch(() => undefined);
    return kept.value;
  }

  /** The value, read first when none is fresh. */
  get(): Promise<T> {
    const value = this.current();
    return value === undefined ? this.#refresh() : Promise.resolve(value);
  }

  /** Forgets the value (after a change this process made), so the next get() reads again. */
  clear(): void {
    this.#kept = undefined;
    this.#reading = undefined;
    this.#generation++;
  }

  #refresh(): Promise<T> {
    if (this.#reading) return this.#reading;
    const readAt = this.#clock();
    const generation = this.#generation;
    const reading = this.#read()
      .then((value) => {
        if (generation === this.#generation) this.#kept = { value, readAt };
        return value;
      })
      .finally(() => {
        if (this.#reading === reading) this.#reading = undefined;
      });
    this.#reading = reading;
    return reading;
  }
}
