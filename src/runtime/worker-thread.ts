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

/** Whether our modules run compiled (dist/, see scripts/build.js) rather than as TypeScript through tsx (the tests). */
const COMPILED = import.meta.url.endsWith('.js');

/** One of our modules, named by its source, as this process runs them: the source itself, or its compiled file. */
export function ownModule(source: URL): URL {
  return COMPILED ? new URL(source.href.replace(/\.tsx?$/, '.js')) : source;
}

/**
 * What a worker thread or child process needs to load our modules: nothing when they are compiled;
 * tsx's loader otherwise, which workers do not inherit (a resolved path finds it whatever the
 * working directory).
 */
export function ownModuleExecArgv(): string[] {
  return COMPILED ? [] : ['--import', import.meta.resolve('tsx')];
}

/** A worker thread running one of our modules, named by its TypeScript source. */
export function typeScriptWorker(module: URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  return boundedWorker(ownModule(module), { ...options, execArgv: ownModuleExecArgv() });
}
