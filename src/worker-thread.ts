import v8 from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread whose `resourceLimits` bound its heap.
 *
 * V8 gives every isolate the heap flags the process started with (`--max-semi-space-size` and
 * `--max-old-space-size` in `npm start`), and a flag wins over a worker's own limits. The intake
 * writer, asked to keep an 8 MB young generation, grew it to the main thread's two 16 MB
 * semi-spaces instead, in one step minutes into a surge: RSS rose by 16 MB long after it had
 * settled. V8 reads these flags only when it creates an isolate, so clearing them once the main
 * thread runs leaves its heap as the flags configured it and lets each worker have the limits it
 * asks for.
 */
export function boundedWorker(module: URL, options: WorkerOptions = {}): Worker {
  v8.setFlagsFromString('--max-semi-space-size=0');
  v8.setFlagsFromString('--max-old-space-size=0');
  return new Worker(module, options);
}

/**
 * A worker thread running one of our TypeScript modules. Workers do not
 * inherit the loader that bin/tuidang.js (or `node --import tsx`) registered;
 * a resolved path finds tsx whatever the working directory.
 */
export function typeScriptWorker(module: URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  return boundedWorker(module, { ...options, execArgv: ['--import', import.meta.resolve('tsx')] });
}
