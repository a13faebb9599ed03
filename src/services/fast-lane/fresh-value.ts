import type { Logger } from '../../logging/logger.ts';

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
export interface FreshValueOptions {
  /** What the value is, for the log. */
  name: string;
  /** Where a background read that fails is reported: no caller is waiting for it. */
  logger: Logger;
  clock?: () => number;
}

export class FreshValue<T> {
  readonly #read: () => Promise<T>;
  readonly #maxAgeMs: number;
  readonly #refreshAfterMs: number;
  readonly #clock: () => number;
  readonly #name: string;
  readonly #logger: Logger;
  #kept: { value: T; readAt: number } | undefined;
  #reading: Promise<T> | undefined;
  /** Bumped by clear(), so a read begun before a change does not put its value back. */
  #generation = 0;

  constructor(read: () => Promise<T>, maxAgeMs: number, { name, logger, clock = Date.now }: FreshValueOptions) {
    this.#read = read;
    this.#maxAgeMs = maxAgeMs;
    this.#refreshAfterMs = maxAgeMs * REREAD_AFTER_SHARE;
    this.#clock = clock;
    this.#name = name;
    this.#logger = logger;
  }

  /** The value without waiting, or undefined when it must be read first. */
  current(): T | undefined {
    const kept = this.#kept;
    if (!kept) return undefined;
    const age = this.#clock() - kept.readAt;
    if (age >= this.#maxAgeMs) return undefined;
    // Once the value expires, the next get() reads in its caller's path and reports the error there too.
    if (age >= this.#refreshAfterMs && !this.#reading) {
      this.#refresh().catch((error: unknown) =>
        this.#logger.error({ err: error, value: this.#name }, 'reading a cached value again in the background failed'),
      );
    }
    return kept.value;
  }

  /** Milliseconds since the value served now was read; undefined when none is fresh (the next get() reads). */
  age(): number | undefined {
    const age = this.#kept ? this.#clock() - this.#kept.readAt : undefined;
    return age !== undefined && age < this.#maxAgeMs ? age : undefined;
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
