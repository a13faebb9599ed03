import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running one of our TypeScript modules. Workers do not
 * inherit the loader that bin/tuidang.js (or `node --import tsx`) registered;
 * a resolved path finds tsx whatever the working directory.
 */
export function typeScriptWorker(module: URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  return new Worker(module, { ...options, execArgv: ['--import', import.meta.resolve('tsx')] });
}
