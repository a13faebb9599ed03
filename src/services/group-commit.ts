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
  #waiting: Pending<Item, Result>[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;

  constructor(options: GroupCommitOptions<Item, Result>) {
    this.#commit = options.commit;
    this.#maxDelayMs = options.maxDelayMs ?? 1;
    this.#maxBatch = options.maxBatch ?? 256;
  }

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      if (this.#waiting.length >= this.#maxBatch) this.#schedule(0);
      else this.#schedule(this.#maxDelayMs);
    });
  }

  /** Resolves once everything submitted so far is committed or has failed. */
  async drain(): Promise<void> {
    while (this.#waiting.length > 0 || this.#flushing) {
      if (!this.#flushing) this.#startFlush();
      await this.#flushing;
    }
  }

  #schedule(delayMs: number): void {
    if (this.#flushing) return; // the running flush picks up the waiting items when it ends
    if (this.#timer && delayMs > 0) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#startFlush(), delayMs);
  }

  #startFlush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#flushing || this.#waiting.length === 0) return;
    const batch = this.#waiting.splice(0, this.#maxBatch);
    this.#flushing = this.#flush(batch).finally(() => {
      this.#flushing = undefined;
      if (this.#waiting.length > 0) this.#schedule(0);
    });
  }

  async #flush(batch: Pending<Item, Result>[]): Promise<void> {
    try {
      const results = await this.#commit(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index] as Result));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
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
