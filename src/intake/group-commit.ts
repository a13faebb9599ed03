import { DatabaseBusyError } from '../db/database-busy.ts';

/**
 * Collects concurrent writes and commits them together: one durable commit
 * (one fsync) answers many requests. Each caller's promise settles only
 * after the transaction holding its item has committed.
 */
export interface GroupCommitOptions<Item, Result> {
  /** Writes a batch inside one transaction and returns one result per item, in order. */
  commit(items: readonly Item[]): Promise<Result[]>;
  /** Longest wait for company before a batch is committed. */
  maxDelayMs?: number;
  maxBatch?: number;
  /**
   * Batches that may be committing at once. 1 serialises them; more lets a
   * writer that merges what it receives (the SQLite writer thread) or a pool of
   * connections (PostgreSQL) take the next batch while one is committing.
   */
  maxInFlight?: number;
}

interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export class GroupCommit<Item, Result> {
  readonly #commit: (items: readonly Item[]) => Promise<Result[]>;
  readonly #maxDelayMs: number;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  #waiting: Pending<Item, Result>[] = [];
  /** Items in the batches committing now. */
  #committing = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: GroupCommitOptions<Item, Result>) {
    this.#commit = options.commit;
    this.#maxDelayMs = options.maxDelayMs ?? 1;
    this.#maxBatch = options.maxBatch ?? 256;
    this.#maxInFlight = options.maxInFlight ?? 1;
  }

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      // A full batch leaves at once, even in the middle of a burst of requests, so the writer starts on
      // it while the rest of the burst is still being read (a timer would wait for the whole burst).
      if (this.#waiting.length >= this.#maxBatch && this.#inFlight.size < this.#maxInFlight) this.#startFlush();
      else this.#schedule(this.#waiting.length >= this.#maxBatch ? 0 : this.#maxDelayMs);
    });
  }

  /** Items submitted and not yet answered: waiting for a batch or in one that is committing. */
  get depth(): number {
    return this.#waiting.length + this.#committing;
  }

  /** Resolves once everything submitted so far is committed or has failed. */
  async drain(): Promise<void> {
    while (this.#waiting.length > 0 || this.#inFlight.size > 0) {
      this.#startFlush();
      await Promise.race(this.#inFlight);
    }
  }

  #schedule(delayMs: number): void {
    if (this.#inFlight.size >= this.#maxInFlight) return; // a flush that ends picks up the waiting items
    if (this.#timer && delayMs > 0) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#startFlush(), delayMs);
  }

  #startFlush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#inFlight.size < this.#maxInFlight && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.#maxBatch);
      this.#committing += batch.length;
      const flushing: Promise<void> = this.#flush(batch).finally(() => {
        this.#committing -= batch.length;
        this.#inFlight.delete(flushing);
        if (this.#waiting.length > 0) this.#schedule(0);
      });
      this.#inFlight.add(flushing);
    }
  }

  async #flush(batch: Pending<Item, Result>[]): Promise<void> {
    try {
      const results = await this.#commit(batch.map((entry) => entry.item));
      for (const [index, entry] of batch.entries()) entry.resolve(results[index] as Result);
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Nothing was written and the lock was not to be had: each item alone would wait as long again.
      if (error instanceof DatabaseBusyError) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      // One bad item must not fail its neighbours: retry each on its own.
      for (const entry of batch) {
        try {
          const [result] = await this.#commit([entry.item]);
          entry.resolve(result as Result);
        } catch (itemError) {
          entry.reject(itemError);
        }
      }
    }
  }
}
