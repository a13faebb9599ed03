import type { Worker } from 'node:worker_threads';
import { typeScriptWorker } from '../../runtime/worker-thread.ts';
import type { HeldReceiptRecord } from '../../repositories/submission-receipts-repository.ts';
import type { NewDeclaration, WriteOutcome } from '../../repositories/declarations/index.ts';
import { DatabaseBusyError } from '../../db/database-busy.ts';
import type { Logger } from '../../logging/logger.ts';
import type { IntakeWriter } from './intake-writer.ts';
import type { WriterReply, WriterRequest } from './writer-messages.ts';

const WORKER_MODULE = new URL('./intake-writer-worker.ts', import.meta.url);

interface Waiting {
  resolve(reply: Extract<WriterReply, { type: 'written' | 'reserved' | 'taken' | 'pong' }>): void;
  reject(error: Error): void;
}

/** Sends batches to a thread of its own that holds a second SQLite connection (see intake-writer-worker.ts). */
export class WorkerIntakeWriter implements IntakeWriter {
  readonly #databaseUrl: string;
  readonly #logger: Logger;
  /** The running writer and the batches it holds: a writer that dies fails only its own. */
  #current: { worker: Worker; waiting: Map<number, Waiting> } | undefined;
  #nextId = 1;

  constructor(databaseUrl: string, logger: Logger) {
    this.#databaseUrl = databaseUrl;
    this.#logger = logger;
  }

  async write(declarations: readonly NewDeclaration[]): Promise<WriteOutcome[]> {
    const reply = await this.#ask({ type: 'write', id: this.#nextId++, declarations });
    if (reply.type !== 'written') throw new Error('the intake writer answered a write with a reservation');
    return reply.ids;
  }

  async reserveSerials(count: number): Promise<number> {
    const reply = await this.#ask({ type: 'reserve', id: this.#nextId++, count });
    if (reply.type !== 'reserved') throw new Error('the intake writer answered a reservation with a write');
    return reply.first;
  }

  async takeReceipt(heldId: string, refHash: string, at: Date): Promise<HeldReceiptRecord | null> {
    const reply = await this.#ask({ type: 'take', id: this.#nextId++, heldId, refHash, at });
    if (reply.type !== 'taken') throw new Error('the intake writer answered a receipt reference with something else');
    return reply.held;
  }

  async ready(): Promise<void> {
    const reply = await this.#ask({ type: 'ping', id: this.#nextId++ });
    if (reply.type !== 'pong') throw new Error('the intake writer answered a ping with something else');
  }

  #ask(
    request: Exclude<WriterRequest, { type: 'close' }>,
  ): Promise<Extract<WriterReply, { type: 'written' | 'reserved' | 'taken' | 'pong' }>> {
    this.#current ??= this.#start();
    const { worker, waiting } = this.#current;
    return new Promise((resolve, reject) => {
      waiting.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.#current?.worker;
    if (!worker) return;
    this.#current = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Held until the writer has closed its connection, even if nothing else keeps the process running.
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies WriterRequest);
    await exited;
  }

  #start(): { worker: Worker; waiting: Map<number, Waiting> } {
    const worker = typeScriptWorker(WORKER_MODULE, {
      workerData: { databaseUrl: this.#databaseUrl },
      // It holds a batch at a time: small heaps keep the server's memory flat under load.
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
    });
    // The server's sockets keep the process alive, not the writer; close() ends it cleanly.
    worker.unref();
    const current = { worker, waiting: new Map<number, Waiting>() };
    worker.on('message', (reply: WriterReply) => {
      const waiting = current.waiting.get(reply.id);
      current.waiting.delete(reply.id);
      if (reply.type === 'failed') waiting?.reject(reply.busy ? new DatabaseBusyError(reply.message) : new Error(reply.message));
      else waiting?.resolve(reply);
    });
    // A writer that dies fails what it held (a batch it committed without answering is recognised on
    // retry, see declaration-service); the next write starts a new one.
    const fail = (error: Error) => {
      if (this.#current === current) this.#current = undefined;
      for (const waiting of current.waiting.values()) waiting.reject(error);
      current.waiting.clear();
    };
    worker.on('error', (error) => {
      this.#logger.error({ err: { message: error.message, stack: error.stack } }, 'intake writer thread failed');
      fail(error);
    });
    worker.on('exit', (code) => fail(new Error(`the intake writer stopped (exit code ${code})`)));
    return current;
  }
}
