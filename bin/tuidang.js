#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step between a clone and a running service.
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 24 || (major === 24 && minor < 15)) {
  console.error(
    `tuidang needs Node.js 24.15 or newer (this is ${process.version}). ` +
      'Run it through npm (npm start, npx tuidang), which uses the Node.js installed by npm install.',
  );
  process.exit(1);
}

const { register } = await import('tsx/esm/api');
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
