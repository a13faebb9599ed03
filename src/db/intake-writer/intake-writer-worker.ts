import { parentPort, workerData } from 'node:worker_threads';
import { createDatabase } from '../create-db.ts';
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

port.on('message', (request: WriterRequest) => {
  if (request.type === 'close') closing = true;
  else queued.push(request);
  // After the messages already waiting have been received, so they join this transaction.
  if (!writing) setImmediate(writeQueued);
});

async function writeQueued(): Promise<void> {
  if (writing) return;
  writing = true;
  while (queued.length > 0) {
    const requests = queued.splice(0);
    try {
      const ids = await writeSubmissions(database.db, requests.flatMap((request) => request.declarations));
      let offset = 0;
      for (const request of requests) {
        reply({ type: 'written', id: request.id, ids: ids.slice(offset, (offset += request.declarations.length)) });
      }
    } catch (error) {
      // One failing batch must not fail those it was merged with: each is retried in its own transaction.
      for (const request of requests) await writeAlone(request, requests.length === 1 ? error : undefined);
    }
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
    reply({ type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
}

function reply(message: WriterReply): void {
  port.postMessage(message);
}
