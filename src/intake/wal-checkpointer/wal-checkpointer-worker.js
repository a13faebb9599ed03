// The checkpointer thread (see wal-checkpointer.ts). Plain JavaScript with only
// node:sqlite, so the thread needs no module loader of its own, whose memory
// would dwarf this file's (docs/performance.md, "Measurements behind the code").
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { path, intervalMs } = workerData;
const database = new DatabaseSync(path);
// As every connection to the file has it (create-db.ts): the database file is synced after each
// checkpoint, before SQLite may start the WAL over.
database.exec('PRAGMA synchronous = FULL');
// A passive checkpoint copies what it can without waiting for any lock, and never holds up a writer.
const checkpoint = database.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}, intervalMs);

parentPort.on('message', (message) => {
  if (message.type !== 'close') return;
  clearInterval(timer);
  database.close();
  parentPort.close();
});
