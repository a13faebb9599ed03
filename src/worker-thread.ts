import v8 from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread whose `resourceLimits` bound its heap (without them, V8's defaults, as for a
 * process started without heap flags).
 *
 * V8 gives every isolate it creates the heap size flags the process started with (`npm start`
 * sets them for the main thread), and a flag wins over a worker's `resourceLimits`. It reads them
 * only when it creates an isolate, so clearing them here leaves the main thread's heap as they
 * configured it. See docs/performance.md, "Workers held to their own heap limits".
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
