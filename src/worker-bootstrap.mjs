// Starts a worker thread on a TypeScript module: worker threads do not inherit
// the loader that bin/tuidang.js (or `node --import tsx`) registered.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
await import(workerData.module);
