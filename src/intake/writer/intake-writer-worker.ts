import { parentPort, workerData } from 'node:worker_threads';
import { registrationSerialsRepository } from '../../repositories/registration-serials-repository.ts';
import { submissionReceiptsRepository } from '../../repositories/submission-receipts-repository.ts';
import { createDatabase } from '../../db/create-db.ts';
import { DatabaseBusyError } from '../../db/database-busy.ts';
import { passiveWalCheckpoint } from '../../db/engine.ts';
import { pingDatabase } from '../../db/storage.ts';
import { writeSubmissions } from './intake-writer.ts';
import type { WriterReply, WriterRequest } from './writer-messages.ts';

/**
 * The writer thread: its own connection to the same SQLite file (WAL lets the
 * server's connection keep reading meanwhile). Every batch that arrived while
 * the previous commit was running goes into the next transaction, so the
 * slower the disk, the more each fsync carries. Each batch is answered only
 * after its commit is durable.
 */
const { databaseUrl } = workerData as { databaseUrl: string };
const database = createDatabase(databaseUrl);
const port = parentPort!;
type WriteRequest = Extract<WriterRequest, { type: 'write' }>;
const queued: WriteRequest[] = [];
let writing = false;
let closing = false;

/**
 * Rows committed between the writer's own passive checkpoints. The checkpointer thread's runs race
 * this writer and seldom reach the end of the WAL, so pages of the database file go unsynced until a
 * commit crosses wal_autocheckpoint and copies and fsyncs them all under the write lock: a long stall
 * that grows with the registry. Between its transactions nothing else appends, so a run here reaches
 * the end: it copies what the checkpointer left and fsyncs a little at a time instead (figures in
 * docs/performance.md, "Measurements behind the code").
 */
const ROWS_PER_CHECKPOINT = 250;
let rowsSinceCheckpoint = 0;

port.on('message', (request: WriterRequest) => {
  if (request.type === 'reserve') return void reserveSerials(request);
  if (request.type === 'take') return void takeReceipt(request);
  if (request.type === 'ping') return void ping(request.id);
  if (request.type === 'close') closing = true;
  else queued.push(request);
  // After the messages already waiting have been received, so they join this transaction.
  if (!writing) {
    setImmediate(() => {
      writeQueued().catch(endThread);
    });
  }
});

/**
 * An error outside the batches' own try blocks (answering, closing the connection) leaves this loop
 * in no known state. Thrown again, uncaught, it ends the thread: the server logs it and fails the
 * batches the thread held (worker-intake-writer.ts), and the next write starts a new thread.
 */
function endThread(error: unknown): void {
  setImmediate(() => {
    throw error;
  });
}

async function writeQueued(): Promise<void> {
  if (writing) return;
  writing = true;
  while (queued.length > 0) {
    const requests = queued.splice(0);
    const declarations = requests.flatMap((request) => request.declarations);
    try {
      const ids = await writeSubmissions(database.db, declarations);
      let offset = 0;
      for (const request of requests) {
        const end = offset + request.declarations.length;
        reply({ type: 'written', id: request.id, ids: ids.slice(offset, end) });
        offset = end;
      }
    } catch (error) {
      // One failing batch must not fail those it was merged with: each is retried in its own transaction.
      // A lock that could not be had fails them all: each alone would wait as long again.
      if (error instanceof DatabaseBusyError) for (const request of requests) reply(failure(request.id, error));
      else for (const request of requests) await writeAlone(request, requests.length === 1 ? error : undefined);
    }
    rowsSinceCheckpoint += declarations.length;
    if (rowsSinceCheckpoint >= ROWS_PER_CHECKPOINT) await checkpointBetweenTransactions();
  }
  writing = false;
  if (closing) {
    await database.close();
    port.close();
  }
}

async function writeAlone(request: WriteRequest, knownError: unknown): Promise<void> {
  try {
    if (knownError !== undefined) throw knownError;
    reply({ type: 'written', id: request.id, ids: await writeSubmissions(database.db, request.declarations) });
  } catch (error) {
    reply(failure(request.id, error));
  }
}

/** Its own small transaction; the connection takes it between two batches. */
async function reserveSerials(request: Extract<WriterRequest, { type: 'reserve' }>): Promise<void> {
  try {
    reply({ type: 'reserved', id: request.id, first: await registrationSerialsRepository.reserve(database.db, request.count) });
  } catch (error) {
    reply(failure(request.id, error));
  }
}

async function takeReceipt(request: Extract<WriterRequest, { type: 'take' }>): Promise<void> {
  try {
    reply({
      type: 'taken',
      id: request.id,
      held: await submissionReceiptsRepository.takeByReference(database.db, request.heldId, request.refHash, request.at),
    });
  } catch (error) {
    reply(failure(request.id, error));
  }
}

async function ping(id: number): Promise<void> {
  try {
    await pingDatabase(database.db);
    reply({ type: 'pong', id });
  } catch (error) {
    reply(failure(id, error));
  }
}

function failure(id: number, error: unknown): WriterReply {
  return { type: 'failed', id, message: error instanceof Error ? error.message : String(error), busy: error instanceof DatabaseBusyError };
}

/** A failed run is left to the checkpointer thread and the next one here; it must not fail a write. */
async function checkpointBetweenTransactions(): Promise<void> {
  rowsSinceCheckpoint = 0;
  try {
    await passiveWalCheckpoint(database.db);
  } catch {
    // The WAL stays bounded by wal_autocheckpoint (create-db.ts) whatever happens here.
  }
}

function reply(message: WriterReply): void {
  port.postMessage(message);
}
