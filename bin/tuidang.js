#!/usr/bin/env node
// Runs the compiled sources (dist/, see scripts/build.js), compiling them first if they changed since.
import module from 'node:module';
import { pathToFileURL } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 24 || (major === 24 && minor < 15)) {
  console.error(
    `tuidang needs Node.js 24.15 or newer (this is ${process.version}). ` +
      'Run it through npm (npm start, npx tuidang), which uses the Node.js installed by npm install.',
  );
  process.exit(1);
}

// V8's compiled code kept on disk (in the system's temporary directory) spares a tenth of a
// start; the variable passes it to worker threads and child processes.
const cache = module.enableCompileCache();
if (cache.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;

const { build } = await import('../scripts/build.js');
const { main } = await import(pathToFileURL(`${await build()}/cli/main.js`).href);
process.exitCode = await main(process.argv.slice(2));
