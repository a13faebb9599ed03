#!/usr/bin/env node
// `npm test`: compile, then type-check, lint (scripts/lint.js) and every test file on SQLite (and
// on PostgreSQL too when TEST_DATABASE_URL is set; see scripts/with-postgres.sh).
// Test files import the TypeScript sources through tsx; the processes they
// start (bin/tuidang.js) run the build of those same sources, compiled here
// once rather than by each of them.
import { spawn } from 'node:child_process';

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const built = await run(process.execPath, ['scripts/build.js']);
if (built !== 0) process.exit(built);
// Side by side: the type-check and the lint are mostly one thread each, and the tests leave cores idle while
// their last files finish. The type-check is incremental, with its state under node_modules/.cache,
// so an unchanged project checks in a few seconds.
const codes = await Promise.all([
  run('tsc', ['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tuidang/tsc.tsbuildinfo']),
  run(process.execPath, ['scripts/lint.js']),
  run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    // Most tests wait on disk or on child processes, so more files than cores run at once.
    '--test-concurrency=4',
    'src/**/*.test.ts',
    'test/**/*.test.ts',
  ]),
]);
process.exitCode = codes.find((code) => code !== 0) ?? 0;
