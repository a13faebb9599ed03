import type { Worker } from 'node:worker_threads';
import { typeScriptWorker } from '../../runtime/worker-thread.ts';
import type { SeedMessage, SeedTask } from './seed-worker.ts';

/**
 * The seed worker seen from the writing thread: its messages one at a time,
 * in order, and a failure (an exception in the worker, or its end before the
 * message awaited) as a rejection instead of a hang.
 */
export class SeedThread {
  private readonly worker: Worker;
  private readonly queue: SeedMessage[] = [];
  private waiting: { resolve: (message: SeedMessage) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(task: SeedTask) {
    this.worker = typeScriptWorker(new URL('./seed-worker.ts', import.meta.url), { workerData: task });
    this.worker.on('message', (message: SeedMessage) => {
      if (this.waiting) this.settle().resolve(message);
      else this.queue.push(message);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the seed worker ended early (exit code ${code})`)));
  }

  next(): Promise<SeedMessage> {
    const message = this.queue.shift();
    if (message) return Promise.resolve(message);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** The next message, which must be of `kind`. */
  async expect<K extends SeedMessage['kind']>(kind: K): Promise<Extract<SeedMessage, { kind: K }>> {
    const message = await this.next();
    if (message.kind !== kind) throw new Error(`the seed worker sent ${message.kind} where ${kind} was due`);
    return message as Extract<SeedMessage, { kind: K }>;
  }

  /** Tells the worker that one more batch is in: it may send another. */
  batchDone(): void {
    this.worker.postMessage(null);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.waiting) this.settle().reject(this.failure);
  }

  private settle() {
    const waiting = this.waiting!;
    this.waiting = null;
    return waiting;
  }
}
