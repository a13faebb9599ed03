#!/usr/bin/env node
// `npm test`: type-check, compile, then every test file on SQLite (and on
// PostgreSQL too when TEST_DATABASE_URL is set; see scripts/with-postgres.sh).
// Test files import the TypeScript sources through tsx; the processes they
// start (bin/tuidang.js) run the build of those same sources, compiled here
// once rather than by each of them.
import { spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('tsc', ['--noEmit', '-p', '.']);
run(process.execPath, ['scripts/build.js']);
run(process.execPath, [
  '--import',
  'tsx',
  '--test',
  // Most tests wait on disk or on child processes, so more files than cores run at once.
  '--test-concurrency=4',
  'src/**/*.test.ts',
  'test/**/*.test.ts',
]);
