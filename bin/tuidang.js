#!/usr/bin/env node
// Runs the compiled sources (dist/, see scripts/build.js), compiling them first if they changed since.
import { pathToFileURL } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 24 || (major === 24 && minor < 15)) {
  console.error(
    `tuidang needs Node.js 24.15 or newer (this is ${process.version}). ` +
      'Run it through npm (npm start, npx tuidang), which uses the Node.js installed by npm install.',
  );
  process.exit(1);
}

const { build } = await import('../scripts/build.js');
const { main } = await import(pathToFileURL(`${await build()}/cli/main.js`).href);
process.exitCode = await main(process.argv.slice(2));
