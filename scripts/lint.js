#!/usr/bin/env node
// `npm run lint`: formatting and lint rules (Biome), floating promises (typescript-eslint, which
// needs the type checker) and unused files, exports and dependencies (knip), side by side.
// `npm run lint -- --write` first lets Biome format and apply its safe fixes.
import { spawn } from 'node:child_process';

const write = process.argv.includes('--write');
const biome = ['biome', ['check', '--error-on-warnings', ...(write ? ['--write'] : []), '.']];
const others = [
  // The cache keeps a second run to the files that changed, as tsc's incremental build does; a file is
  // linted again when its own content changes, so CI, which starts without the cache, sees everything.
  [
    'eslint',
    ['--max-warnings=0', '--cache', '--cache-strategy', 'content', '--cache-location', 'node_modules/.cache/tuidang/eslint/', '.'],
  ],
  ['knip', ['--no-progress']],
];

/** Runs a check and prints its report whole when it ends, so reports running side by side do not interleave. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    const output = [Buffer.from(`── ${command} ${args.join(' ')}\n`)];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      process.stdout.write(Buffer.concat(output));
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

// When Biome writes, the others wait for it: they read the files it rewrites.
const first = write ? [await run(...biome)] : [];
const codes = [...first, ...(await Promise.all([...(write ? [] : [biome]), ...others].map((check) => run(...check))))];
process.exitCode = codes.find((code) => code !== 0) ?? 0;
